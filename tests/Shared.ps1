# Helpers for the Pester tests (Pester 5). Dot-source from a BeforeAll block:
#
#     BeforeAll { . $PSScriptRoot/Shared.ps1 }
#
# It imports the STAGED module (out/ApprovalTools, built by `dotnet build`), never the source tree.


# Plain variables on purpose: dot-sourced in a BeforeAll, they are visible to every Describe/It below it.
# Two-argument Join-Path only, so the file also works in Windows PowerShell 5.1.
$RepositoryRoot = Split-Path -Parent $PSScriptRoot
$StagedModule = Join-Path (Join-Path $RepositoryRoot 'out') 'ApprovalTools'
$StagedManifest = Join-Path $StagedModule 'ApprovalTools.psd1'

if (-not (Test-Path $StagedManifest)) {
    throw "The module is not built: $StagedManifest is missing. Run 'dotnet build' (or ./build.ps1) first."
}
Import-Module $StagedManifest -Force -ErrorAction Stop

function Get-ChildPwsh {
    <#
    .SYNOPSIS
        How to start a new pwsh like this one: Path, plus Arguments that go first (pwsh.dll under `dotnet pwsh`).
    .EXAMPLE
        $child = Get-ChildPwsh; $prefix = $child.Arguments; & $child.Path @prefix -NoProfile -File script.ps1
    #>
    $process = [Environment]::ProcessPath
    [pscustomobject]@{
        Path      = $process
        Arguments = [string[]]@(if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
    }
}

function Connect-TestSandbox {
    <#
    .SYNOPSIS
        Connects the given service(s) to the module's embedded sandbox and returns the connection(s).
    .EXAMPLE
        $feishu = Connect-TestSandbox Feishu
    #>
    param(
        [ValidateSet('Feishu', 'BatchApproval', 'FeishuProject', 'All')]
        [string] $Service = 'All'
    )
    $services = if ($Service -eq 'All') { 'Feishu', 'BatchApproval', 'FeishuProject' } else { $Service }
    foreach ($name in $services) {
        $command = "Connect-$name"
        if (-not (Get-Command $command -Module ApprovalTools -ErrorAction SilentlyContinue)) {
            throw "$command is not exported by the staged module; is out/ApprovalTools up to date?"
        }
        & $command -Sandbox
    }
}

function New-TestApprovalCode {
    <#
    .SYNOPSIS
        Creates a third-party approval definition with Set-ExternalApproval and returns the code Feishu answered.
        The sandbox, like Feishu, syncs instances only into a definition's code.
    .EXAMPLE
        $code = New-TestApprovalCode 'Pester paging'
    #>
    param([string] $Name = 'Pester definition', [object] $Connection)
    $common = @{}
    if ($Connection) { $common.Connection = $Connection }
    (Set-ExternalApproval -ApprovalCode "pester-$([guid]::NewGuid().ToString('N'))" -Name $Name -SupportPc @common -ErrorAction Stop).ApprovalCode
}

function Invoke-Collecting {
    <#
    .SYNOPSIS
        Runs a script block and returns its output objects and its non-terminating errors separately, so a test
        can assert "one result or one error per input item".
    .EXAMPLE
        $run = Invoke-Collecting { $items | Sync-ExternalInstance -Mode Update }
        $run.Output.Count + $run.Errors.Count | Should -Be $items.Count
    #>
    param([Parameter(Mandatory)] [scriptblock] $Script)
    # Merge the error stream into the output once and split by type (runs the script block a single time).
    $all = @(& $Script 2>&1)
    [pscustomobject]@{
        Output = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
        Errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
    }
}

