<#
.SYNOPSIS
    Applies one-line mutations of product code, one at a time, in a scratch worktree outside the repository, and
    reports which of them no test catches.
.DESCRIPTION
    For each entry of mutations.psd1 (or -MutationsPath): change the one line, build the solution, run the xunit
    projects (and Pester with -Pester), put the line back. "caught" = the build or a test failed; "SURVIVED" = everything
    passed, so a rule is untested. The scratch worktree (git worktree add --detach, under the temp directory) is removed
    at the end. Takes a couple of minutes per mutation on 2 cores: run it on demand, not in CI.
    Exit code: the number of mutations that survived.
.EXAMPLE
    dotnet pwsh -NoProfile -File tools/mutation-probe/Invoke-MutationProbe.ps1
.EXAMPLE
    dotnet pwsh -NoProfile -File tools/mutation-probe/Invoke-MutationProbe.ps1 -Name 'Redactor*' -Pester
#>
param(
    [string] $MutationsPath = (Join-Path $PSScriptRoot 'mutations.psd1'),
    # Wildcard on the mutation names.
    [string] $Name = '*',
    # Also run the Pester tests (slower).
    [switch] $Pester
)
$ErrorActionPreference = 'Stop'
$repo = (git -C $PSScriptRoot rev-parse --show-toplevel).Trim()
$mutations = @((Import-PowerShellDataFile $MutationsPath).Mutations | Where-Object { $_.Name -like $Name })
$scratch = Join-Path ([IO.Path]::GetTempPath()) "approvaltools-mutation-$PID"

function Invoke-Quiet([string] $What, [scriptblock] $Command) {
    $output = & $Command 2>&1
    [pscustomobject]@{ Ok = ($LASTEXITCODE -eq 0); Output = ($output | Out-String) }
}

function Report([string] $Mutation, [string] $Result) {
    # One line per mutation as soon as it is known, so a long run can be followed.
    Write-Host ("{0,-60} {1}" -f $Mutation, $Result)
    [pscustomobject]@{ Mutation = $Mutation; Result = $Result }
}

git -C $repo worktree add --detach $scratch HEAD | Out-Null
try {
    Push-Location $scratch
    $results = foreach ($m in $mutations) {
        $path = Join-Path $scratch $m.File
        $text = [IO.File]::ReadAllText($path)
        $count = ([regex]::Matches($text, [regex]::Escape($m.Find))).Count
        if ($count -ne 1) {
            Report $m.Name "not applied (found $count times)"
            continue
        }
        [IO.File]::WriteAllText($path, $text.Replace($m.Find, $m.Replace))
        try {
            $build = Invoke-Quiet 'build' { dotnet build ApprovalTools.sln -c Release -nologo -v q }
            if (-not $build.Ok) { Report $m.Name 'caught (build)'; continue }
            $tests = Invoke-Quiet 'xunit' { dotnet test ApprovalTools.sln -c Release --no-build -nologo -v q }
            $failed = -not $tests.Ok
            if (-not $failed -and $Pester) {
                $pesterRun = Invoke-Quiet 'pester' { dotnet pwsh -NoProfile -NonInteractive -File build.ps1 -Task Test -NoXunit }
                $failed = -not $pesterRun.Ok
            }
            Report $m.Name $(if ($failed) { 'caught' } else { 'SURVIVED' })
        }
        finally {
            [IO.File]::WriteAllText($path, $text)
        }
    }
}
finally {
    Pop-Location
    git -C $repo worktree remove --force $scratch | Out-Null
}
Write-Host ("{0} mutations: {1} caught, {2} survived" -f @($results).Count, @($results | Where-Object Result -like 'caught*').Count, @($results | Where-Object Result -eq 'SURVIVED').Count)
exit @($results | Where-Object Result -eq 'SURVIVED').Count
