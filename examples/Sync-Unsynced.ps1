<#
.SYNOPSIS
    Finds third-party approval instances that Feishu lacks or holds stale, and resyncs them (FAQ question 3:
    "如何及时发现未同步的三方审批实例"). Meant to run every few minutes from a scheduler.

.DESCRIPTION
    1. Imports ApprovalTools (-ModulePath, else the module already loaded, else the installed module, else the
       repository's staged out/ApprovalTools) and connects to Feishu: -Connection, else -Sandbox, else from the
       environment (FEISHU_APP_ID, FEISHU_APP_SECRET and, optionally, FEISHU_BASE_URI), else the session's last
       Connect-Feishu.
    2. Reads the time of the last successful run from -StatePath (none yet: every item the source gives is checked).
    3. Takes the instances changed since then (update_time newer than the last run minus -Overlap) from the source:
       -SourcePath, a JSON file holding an array of instances (wire shape, as Sync-ExternalInstance takes them), or
       -Source, a script block that gets the "since" time as its first argument and writes instances.
    4. Runs them through `Test-ExternalInstance | Sync-ExternalInstance -Mode Update -Verify`: only what the server
       lacks or holds stale is sent again, and each resync is checked afterwards.
    5. Writes the new checkpoint (the time this run started) to -StatePath only when the source and every item
       succeeded, so a failed run is simply repeated next time. Running it twice is safe.
    6. Writes one summary object: Checked, OutOfSync, Resynced, Failed, Since, Until, StateUpdated, Problem.

    Exit code (for schedulers): 0 when the run succeeded; 1 when the source or an item failed (the checkpoint did not
    move; the reason is on stderr and in Problem); 2 when the module could not be imported or Feishu not connected.
    With -ThrowOnFailure a failed run throws instead (Azure Automation marks such a job Failed).

.EXAMPLE
    Connect-Feishu -Sandbox
    ./examples/Sync-Unsynced.ps1 -SourcePath ./examples/instances.json -StatePath ./sync-state.json

.EXAMPLE
    # What cron or a systemd timer runs (credentials in the environment):
    pwsh -NoProfile -NonInteractive -File ./examples/Sync-Unsynced.ps1 -SourcePath ./examples/instances.json -StatePath ./sync-state.json

.EXAMPLE
    # From the source system directly: the script block receives the checkpoint time.
    ./examples/Sync-Unsynced.ps1 -StatePath /var/lib/erp/feishu-sync.json -Source {
        param([DateTimeOffset] $Since)
        Invoke-RestMethod "https://erp.example.com/api/approvals/changed?since=$($Since.ToUnixTimeMilliseconds())"
    }
#>
[CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'Path')]
param(
    # A JSON file with an array of instances.
    [Parameter(Mandatory, ParameterSetName = 'Path')]
    [string] $SourcePath,

    # A script block writing instances; its first argument is the checkpoint ([DateTimeOffset]).
    [Parameter(Mandatory, ParameterSetName = 'Script')]
    [scriptblock] $Source,

    # Where the checkpoint is kept (a small JSON file; created on the first successful run).
    [Parameter(Mandatory)]
    [string] $StatePath,

    # Items this much older than the checkpoint are checked again (clock skew between the source and this host).
    [TimeSpan] $Overlap = [TimeSpan]::FromMinutes(1),

    # Instances per check call.
    [ValidateRange(1, 100)]
    [int] $BatchSize = 50,

    # A connection from Connect-Feishu.
    [object] $Connection,

    # Rehearse against the module's embedded sandbox (a fresh one per process).
    [switch] $Sandbox,

    # Base URI for the environment credentials (default $env:FEISHU_BASE_URI; e.g. a standalone sandbox server).
    [string] $BaseUri = $env:FEISHU_BASE_URI,

    # The ApprovalTools module folder or manifest to import.
    [string] $ModulePath,

    # Throw instead of exiting with a non-zero code when the run fails.
    [switch] $ThrowOnFailure
)

Set-StrictMode -Version 3.0

function Stop-Run([int] $Code, [string] $Why, [object] $Summary) {
    if ($Summary) { $Summary.Problem = $Why; $Summary }
    if ($ThrowOnFailure) { throw "Sync-Unsynced failed: $Why" }
    [Console]::Error.WriteLine("Sync-Unsynced failed: $Why")
    exit $Code
}

function Import-ApprovalTools {
    if ($ModulePath) { Import-Module $ModulePath -ErrorAction Stop; return }
    if (Get-Module ApprovalTools) { return }
    if (Get-Module -ListAvailable ApprovalTools) { Import-Module ApprovalTools -ErrorAction Stop; return }
    $staged = Join-Path (Join-Path (Join-Path (Split-Path -Parent $PSScriptRoot) 'out') 'ApprovalTools') 'ApprovalTools.psd1'
    if (Test-Path -LiteralPath $staged) { Import-Module $staged -ErrorAction Stop; return }
    throw 'the module is neither installed nor staged; give -ModulePath (Install-PSResource ApprovalTools, or build the repository).'
}

function Get-UpdateTimeMs([object] $Item) {
    # update_time as the wire gives it ("1735700400000"), a number, or a [DateTimeOffset]/[DateTime] (UpdateTime).
    $value = $null
    if ($Item -is [System.Collections.IDictionary]) {
        foreach ($key in 'update_time', 'UpdateTime') { if ($Item.Contains($key)) { $value = $Item[$key]; break } }
    } else {
        foreach ($name in 'update_time', 'UpdateTime') {
            $property = $Item.PSObject.Properties[$name]
            if ($property) { $value = $property.Value; break }
        }
    }
    if ($null -eq $value) { return $null }
    if ($value -is [DateTimeOffset]) { return $value.ToUnixTimeMilliseconds() }
    if ($value -is [DateTime]) { return ([DateTimeOffset] $value).ToUnixTimeMilliseconds() }
    $ms = 0L
    if ([long]::TryParse("$value", [ref] $ms)) { return $ms }
    return $null
}

try {
    Import-ApprovalTools
} catch {
    Stop-Run 2 "cannot import ApprovalTools: $($_.Exception.Message)"
}
try {
    if ($Sandbox) {
        $Connection = Connect-Feishu -Sandbox -ErrorAction Stop
    } elseif (-not $Connection -and $env:FEISHU_APP_ID) {
        $connect = @{ ErrorAction = 'Stop' }
        if ($BaseUri) { $connect.BaseUri = $BaseUri }
        $Connection = Connect-Feishu @connect
    }
} catch {
    Stop-Run 2 "cannot connect to Feishu: $($_.Exception.Message)"
}

$until = [DateTimeOffset]::UtcNow
$since = [DateTimeOffset]::FromUnixTimeMilliseconds(0)
if (Test-Path -LiteralPath $StatePath) {
    $state = Get-Content -Raw -LiteralPath $StatePath | ConvertFrom-Json
    $since = [DateTimeOffset]::FromUnixTimeMilliseconds([long] $state.LastRunUntilMs)
}
$threshold = [Math]::Max(0L, $since.ToUnixTimeMilliseconds() - [long] $Overlap.TotalMilliseconds)
$summary = [pscustomobject]@{
    PSTypeName   = 'ApprovalTools.SyncUnsyncedSummary'
    Checked      = 0
    OutOfSync    = 0
    Resynced     = 0
    Failed       = 0
    Since        = $since
    Until        = $until
    StateUpdated = $false
    Problem      = $null
}

# The source is read whole before anything is sent: a source that fails halfway must not look like "nothing changed".
try {
    $items = @(if ($PSCmdlet.ParameterSetName -eq 'Path') {
            $data = Get-Content -Raw -LiteralPath $SourcePath -ErrorAction Stop | ConvertFrom-Json -ErrorAction Stop
            foreach ($item in $data) { $item }                   # an array in Windows PowerShell and PowerShell 7 alike
        } else {
            & { $ErrorActionPreference = 'Stop'; & $Source $since }
        })
} catch {
    Stop-Run 1 "the source failed, nothing was checked and the checkpoint stays at $($since.ToString('o')): $($_.Exception.Message)" $summary
}

$common = @{}
if ($Connection) { $common.Connection = $Connection }
$diffs = [System.Collections.Generic.List[object]]::new()
$testErrors = [System.Collections.ArrayList]::new()            # -ErrorVariable +name appends to these
$syncErrors = [System.Collections.ArrayList]::new()

# Items without a readable update_time are passed on: Test-ExternalInstance reports them as errors (Failed).
$changed = @($items | Where-Object { $ms = Get-UpdateTimeMs $_; ($null -eq $ms) -or ($ms -gt $threshold) })
$summary.Checked = $changed.Count
try {
    $results = @(
        $changed |
            Test-ExternalInstance -BatchSize $BatchSize @common -ErrorVariable +testErrors |
            ForEach-Object { $diffs.Add($_); $_ } |
            Sync-ExternalInstance -Mode Update -Verify @common -ErrorVariable +syncErrors
    )
} catch {
    # A terminating error (no connection, credentials refused) ends the run before every item was handled.
    Stop-Run 2 "the run stopped: $($_.Exception.Message)" $summary
}

$notApplied = @($results | Where-Object { "$($_.Verified)" -eq 'NotApplied' })
$summary.OutOfSync = $diffs.Count
$summary.Resynced = $results.Count - $notApplied.Count
$summary.Failed = $testErrors.Count + $syncErrors.Count + $notApplied.Count

if ($summary.Failed -eq 0 -and -not $WhatIfPreference -and $PSCmdlet.ShouldProcess($StatePath, "Set the checkpoint to $($until.ToString('o'))")) {
    $directory = Split-Path -Parent $StatePath
    if ($directory -and -not (Test-Path -LiteralPath $directory)) { New-Item -ItemType Directory -Path $directory | Out-Null }
    $temporary = "$StatePath.tmp"
    [pscustomobject]@{
        LastRunUntil   = $until.ToString('o')
        LastRunUntilMs = $until.ToUnixTimeMilliseconds()
        Checked        = $summary.Checked
        Resynced       = $summary.Resynced
    } | ConvertTo-Json | Set-Content -LiteralPath $temporary -Encoding UTF8
    Move-Item -LiteralPath $temporary -Destination $StatePath -Force     # replaced whole or not at all
    $summary.StateUpdated = $true
}

if ($summary.Failed -gt 0) {
    Stop-Run 1 ("$($summary.Failed) of $($summary.Checked) item(s) failed ($($testErrors.Count) check errors, $($syncErrors.Count) sync errors, " +
        "$($notApplied.Count) resyncs the server ignored); the checkpoint stays at $($since.ToString('o')) so the next run repeats them") $summary
}
$summary
