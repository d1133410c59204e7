#Requires -Version 7.0
<#
.SYNOPSIS
    Builds the ApprovalTools module into out/ApprovalTools/ and runs the tests.

.DESCRIPTION
    A thin wrapper over the dotnet CLI; it needs no extra module:
      1. dotnet build ApprovalTools.sln    (MSBuild stages out/ApprovalTools/: manifest, format file, dlls,
                                            dependencies/ - see src/ApprovalTools/build/StageModule.targets)
      2. dotnet test ApprovalTools.sln     (xunit; TRX results in TestResults/)
      3. Invoke-Pester on tests/*.Tests.ps1 in a child pwsh process, when Pester 5 is installed.

.PARAMETER Configuration
    Debug or Release (default). The staged module is the configuration built last.

.PARAMETER Clean
    Removes bin/, obj/, out/ and TestResults/ output first (dotnet clean).

.PARAMETER NoTest
    Builds and stages only.

.PARAMETER NoPester
    Runs xunit but not the Pester tests.

.EXAMPLE
    ./build.ps1
.EXAMPLE
    ./build.ps1 -Configuration Debug -NoPester
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    [switch] $Clean,
    [switch] $NoTest,
    [switch] $NoPester
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$solution = Join-Path $root 'ApprovalTools.sln'
$staged = Join-Path $root 'out' 'ApprovalTools'
$results = Join-Path $root 'TestResults'

# A simple function on purpose: $args passes -c, -v ... through to dotnet untouched.
function Invoke-Dotnet {
    Write-Host "> dotnet $($args -join ' ')" -ForegroundColor Cyan
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args[0]) failed with exit code $LASTEXITCODE." }
}

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

if ($NoTest) { return }

Invoke-Dotnet test $solution -c $Configuration --no-build --nologo --logger trx --results-directory $results

if ($NoPester) { return }

$pesterFiles = @(Get-ChildItem (Join-Path $root 'tests') -Filter '*.Tests.ps1' -File)
if ($pesterFiles.Count -eq 0) {
    Write-Host 'No tests/*.Tests.ps1 files: Pester skipped.' -ForegroundColor Yellow
    return
}
$pester = Get-Module -ListAvailable -Name Pester | Where-Object Version -GE ([version]'5.0.0') | Sort-Object Version -Descending | Select-Object -First 1
if (-not $pester) {
    Write-Warning ("Pester 5 is not installed, so the $($pesterFiles.Count) Pester file(s) did not run. " +
        'Install it with: Install-Module Pester -MinimumVersion 5.0 -Scope CurrentUser -Force')
    return
}

# A child process, so the module's dlls are not loaded (and locked) in this session and every run starts clean.
$pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
$script = {
    param($PesterPath, $TestsPath, $ResultFile)
    Import-Module $PesterPath -Force
    $config = New-PesterConfiguration
    $config.Run.Path = $TestsPath
    $config.Run.Exit = $true
    $config.Output.Verbosity = 'Detailed'
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputFormat = 'NUnitXml'
    $config.TestResult.OutputPath = $ResultFile
    Invoke-Pester -Configuration $config
}
Write-Host "> pwsh: Invoke-Pester $($pesterFiles.Name -join ', ') (Pester $($pester.Version))" -ForegroundColor Cyan
& $pwsh -NoProfile -NonInteractive -Command $script -args $pester.Path, (Join-Path $root 'tests'), (Join-Path $results 'pester.xml')
if ($LASTEXITCODE -ne 0) { throw "Pester reported $LASTEXITCODE failure(s)." }
