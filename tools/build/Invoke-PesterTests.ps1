# Runs the Pester tests in this (child) process and writes their counts as JSON for build.ps1. A block or a file
# that failed outside an It (BeforeAll, discovery) counts as one failed test, so it cannot pass unseen.
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $TestsPath,
    [Parameter(Mandatory)] [string] $SummaryPath
)
# No $ErrorActionPreference here: the test files inherit this scope, and they test non-terminating errors.
Import-Module $PesterPath -Force -ErrorAction Stop
$config = New-PesterConfiguration
$config.Run.Path = $TestsPath
$config.Run.PassThru = $true
$config.Output.Verbosity = if ($env:CI) { 'Normal' } else { 'Detailed' }
# No NUnit XML: its writer fails on escape codes in a failure message, and the counts come from -PassThru.
$run = Invoke-Pester -Configuration $config
[ordered]@{
    Passed  = $run.PassedCount
    Failed  = $run.FailedCount + $run.FailedBlocksCount + $run.FailedContainersCount
    Skipped = $run.SkippedCount + $run.NotRunCount
} | ConvertTo-Json | Set-Content -LiteralPath $SummaryPath -Encoding utf8
exit ($run.Result -eq 'Passed' ? 0 : 1)
