#Requires -Version 7.0
<#
.SYNOPSIS
    Builds the ApprovalTools module into out/ApprovalTools/, runs all tests or runs the quick tour.

.DESCRIPTION
    Needs only the .NET SDK: PowerShell itself comes from the repository's tool manifest (dotnet tool restore, then
    dotnet pwsh) and Pester from NuGet (tools/Pester restores it into .tools/Pester/ during the build).

      -Task Build      dotnet build ApprovalTools.sln (stages out/ApprovalTools/, restores Pester)
      -Task Test       Build, then xunit (dotnet test) and Pester (tests/*.Tests.ps1, in a child pwsh), then one
                       closing line with the totals of both: "N passed, N failed, N skipped". Exits 1 when a test
                       failed or none ran. This is what CI runs (.ci/run).
      -Task Package    Build, then a gallery-ready out/packages/ApprovalTools.<version>.nupkg from out/ApprovalTools
                       (PSResourceGet's Publish-PSResource to a local file repository, in a child pwsh with a
                       temporary HOME: tools/build/Publish-ModulePackage.ps1).
      -Task QuickTour  Build, then examples/QuickTour.ps1 in a child pwsh: the module's main job against the
                       embedded sandbox, every step checked. Exits non-zero when a step misbehaves.

.PARAMETER Task
    Build, Test (default), Package or QuickTour.

.PARAMETER Configuration
    Debug or Release (default). The staged module is the configuration built last.

.PARAMETER Clean
    Removes bin/, obj/, out/ and TestResults/ output first (dotnet clean).

.PARAMETER NoPester
    With -Task Test: runs xunit only.

.PARAMETER NoXunit
    With -Task Test: runs Pester only.

.EXAMPLE
    dotnet tool restore && dotnet pwsh -NoProfile -File build.ps1 -Task Test
.EXAMPLE
    dotnet tool restore && dotnet pwsh -NoProfile -File build.ps1 -Task QuickTour
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'QuickTour')]
    [string] $Task = 'Test',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    [switch] $Clean,
    [switch] $NoPester,
    [switch] $NoXunit
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$solution = Join-Path $root 'ApprovalTools.sln'
$staged = Join-Path $root 'out' 'ApprovalTools'
$results = Join-Path $root 'TestResults'
. (Join-Path $root 'tools' 'build' 'BuildHelpers.ps1')

if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    throw 'The .NET SDK (dotnet) is not on PATH. Install the SDK named in global.json: https://dot.net'
}

if ($Clean) {
    Invoke-Dotnet clean $solution -c $Configuration --nologo -v minimal
    foreach ($dir in $staged, $results) {
        if (Test-Path $dir) { Remove-Item $dir -Recurse -Force }
    }
}

Invoke-Dotnet build $solution -c $Configuration --nologo
if (-not (Test-Path (Join-Path $staged 'ApprovalTools.psd1'))) {
    throw "The build did not stage $staged; see the StageModule target output above."
}
Write-Host "Module staged: $staged" -ForegroundColor Green

switch ($Task) {
    'Build' { return }
    'Package' {
        $packages = Join-Path $root 'out' 'packages'
        Write-Host "> pwsh tools/build/Publish-ModulePackage.ps1 -> $packages" -ForegroundColor Cyan
        $saved = @{ HOME = $env:HOME; XDG_DATA_HOME = $env:XDG_DATA_HOME; XDG_CONFIG_HOME = $env:XDG_CONFIG_HOME }
        $isolatedHome = Join-Path ([IO.Path]::GetTempPath()) "approvaltools-package-$PID"
        try {
            # PSResourceGet's repository list lives under LocalApplicationData (XDG_DATA_HOME or ~/.local/share on Linux
            # and macOS): use a throwaway home whose folders exist (a missing one resolves relative to the working folder).
            if (-not $IsWindows) {
                foreach ($dir in '.local/share', 'data', 'config') { New-Item -ItemType Directory -Path (Join-Path $isolatedHome $dir) -Force | Out-Null }
                $env:HOME = $isolatedHome; $env:XDG_DATA_HOME = Join-Path $isolatedHome 'data'; $env:XDG_CONFIG_HOME = Join-Path $isolatedHome 'config'
            }
            Invoke-ChildPwsh -File (Join-Path $root 'tools' 'build' 'Publish-ModulePackage.ps1') -Arguments @('-ModulePath', $staged, '-OutputPath', $packages)
            $packageExit = $LASTEXITCODE
        } finally {
            foreach ($name in $saved.Keys) { Set-Item "env:$name" $saved[$name] }
            if (Test-Path $isolatedHome) { Remove-Item $isolatedHome -Recurse -Force }
        }
        exit $packageExit
    }
    'QuickTour' {
        $tour = Join-Path $root 'examples' 'QuickTour.ps1'
        Write-Host "> pwsh $tour" -ForegroundColor Cyan
        Invoke-ChildPwsh -File $tour -Arguments @('-ModulePath', $staged)
        if ($LASTEXITCODE -ne 0) { Write-Host "The quick tour failed (exit code $LASTEXITCODE)." -ForegroundColor Red }
        exit $LASTEXITCODE
    }
}

# --- Test ------------------------------------------------------------------------------------------------------
if (Test-Path $results) { Remove-Item $results -Recurse -Force }
New-Item -ItemType Directory -Path $results | Out-Null
$totals = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }
$problems = [System.Collections.Generic.List[string]]::new()

if (-not $NoXunit) {
    Write-Host "> dotnet test $solution -c $Configuration --no-build --logger trx" -ForegroundColor Cyan
    & dotnet test $solution -c $Configuration --no-build --nologo --logger trx --results-directory $results
    $xunitExit = $LASTEXITCODE
    $trx = @(Get-ChildItem $results -Filter *.trx -File -Recurse)
    if ($trx.Count -eq 0) { $problems.Add("dotnet test exited with $xunitExit and wrote no .trx file") }
    foreach ($file in $trx) {
        $count = Read-TrxCounts -Path $file.FullName
        foreach ($key in 'Passed', 'Failed', 'Skipped') { $totals[$key] += $count[$key] }
    }
    if ($xunitExit -ne 0 -and $totals.Failed -eq 0) {
        $problems.Add("dotnet test exited with $xunitExit although no test failed (a test host crashed?)")
    }
}

if (-not $NoPester) {
    $pesterSummary = Join-Path $results 'pester-summary.json'
    $runner = Join-Path $root 'tools' 'build' 'Invoke-PesterTests.ps1'
    Write-Host '> pwsh: Invoke-Pester tests/*.Tests.ps1' -ForegroundColor Cyan
    Invoke-ChildPwsh -File $runner -Arguments @(
        '-PesterPath', (Get-PesterManifest -Root $root), '-TestsPath', (Join-Path $root 'tests'),
        '-SummaryPath', $pesterSummary)
    if (-not (Test-Path $pesterSummary)) {
        $problems.Add("Pester wrote no summary (exit code $LASTEXITCODE)")
    } else {
        $count = Get-Content -Raw $pesterSummary | ConvertFrom-Json
        foreach ($key in 'Passed', 'Failed', 'Skipped') { $totals[$key] += $count.$key }
    }
}

foreach ($problem in $problems) { Write-Host "build: $problem" -ForegroundColor Red }
$failedRun = $totals.Failed -gt 0 -or $problems.Count -gt 0 -or ($totals.Passed + $totals.Failed) -eq 0
if (($totals.Passed + $totals.Failed) -eq 0) { Write-Host 'build: no test ran' -ForegroundColor Red }
# The closing line CI reads: alone on its line, nothing after it.
Write-Host "$($totals.Passed) passed, $($totals.Failed) failed, $($totals.Skipped) skipped"
exit ($failedRun ? 1 : 0)
