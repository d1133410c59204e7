# Functions build.ps1 dot-sources: running dotnet and a child pwsh, finding Pester, counting TRX results.

# A simple function on purpose: $args passes -c, -v ... through to dotnet untouched.
function Invoke-Dotnet {
    Write-Host "> dotnet $($args -join ' ')" -ForegroundColor Cyan
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args[0]) failed with exit code $LASTEXITCODE." }
}

# Runs a script in a new pwsh process of the same PowerShell as this one, so the module's dlls are not loaded (and
# locked) here and every run starts clean. Under `dotnet pwsh` the process is dotnet itself and pwsh is pwsh.dll.
function Invoke-ChildPwsh {
    param([Parameter(Mandatory)] [string] $File, [string[]] $Arguments = @())
    $process = [Environment]::ProcessPath
    $prefix = @()
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }
    & $process @prefix -NoProfile -NonInteractive -File $File @Arguments
}

function Get-PesterManifest {
    param([Parameter(Mandatory)] [string] $Root)
    $manifest = Get-ChildItem (Join-Path $Root '.tools' 'Pester') -Filter Pester.psd1 -Recurse -ErrorAction SilentlyContinue |
        Sort-Object { [version]$_.Directory.Name } -Descending | Select-Object -First 1
    if (-not $manifest) { throw "Pester is not restored under .tools/Pester; 'dotnet build ApprovalTools.sln' restores it (tools/Pester)." }
    $manifest.FullName
}

# Counts of one .trx file, from each <UnitTestResult outcome>; cross-checked with the file's own <Counters>.
function Read-TrxCounts {
    param([Parameter(Mandatory)] [string] $Path)
    [xml] $doc = Get-Content -Raw -LiteralPath $Path
    $ns = @{ t = 'http://microsoft.com/schemas/VisualStudio/TeamTest/2010' }
    $outcomes = @(Select-Xml -Xml $doc -XPath '//t:UnitTestResult' -Namespace $ns | ForEach-Object { $_.Node.outcome })
    $passed = @($outcomes | Where-Object { $_ -eq 'Passed' }).Count
    $skipped = @($outcomes | Where-Object { $_ -in 'NotExecuted', 'Inconclusive', 'Skipped' }).Count
    $failed = $outcomes.Count - $passed - $skipped      # Failed, Error, Timeout, Aborted ... all count as failed
    $counters = (Select-Xml -Xml $doc -XPath '//t:Counters' -Namespace $ns | Select-Object -First 1).Node
    if (-not $counters) { throw "${Path}: no <Counters> summary (truncated file?)" }
    if ([int]$counters.passed -ne $passed) { throw "${Path}: summary says $($counters.passed) passed, results say $passed" }
    if ($failed -lt [int]$counters.failed) { throw "${Path}: summary says $($counters.failed) failed, results say $failed" }
    @{ Passed = $passed; Failed = $failed; Skipped = $skipped }
}
