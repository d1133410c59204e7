<#
.SYNOPSIS
    Finds third-party approval instances that Feishu lacks or holds stale, and resyncs them (FAQ question 3:
    "如何及时发现未同步的三方审批实例"). Meant to run every few minutes from a scheduler.

.DESCRIPTION
    1. Reads the time of the last successful run from -StatePath (none yet: every item the source gives is checked).
    2. Takes the instances changed since then (update_time newer than the last run minus -Overlap) from the source:
       -SourcePath, a JSON file holding an array of instances (wire shape, as Sync-ExternalInstance takes them), or
       -Source, a script block that gets the "since" time as its first argument and writes instances.
    3. Runs them through `Test-ExternalInstance | Sync-ExternalInstance -Mode Update -Verify`: only what the server
       lacks or holds stale is sent again, and each resync is checked afterwards.
    4. Writes the new checkpoint (the time this run started) to -StatePath only when nothing failed, so a failed
       run is simply repeated next time. Running it twice is safe: the second run finds nothing to resync.
    5. Writes one summary object: Checked, OutOfSync, Resynced, Failed, Since, Until, StateUpdated.

    Needs a Feishu connection: Connect-Feishu first (or -Connection). Rehearse with Connect-Feishu -Sandbox.

.EXAMPLE
    Connect-Feishu -Sandbox
    ./examples/Sync-Unsynced.ps1 -SourcePath ./examples/instances.json -StatePath ./sync-state.json

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

    # A connection from Connect-Feishu; default: the last one.
    [object] $Connection
)

Set-StrictMode -Version 3.0

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

$until = [DateTimeOffset]::UtcNow
$since = [DateTimeOffset]::FromUnixTimeMilliseconds(0)
if (Test-Path -LiteralPath $StatePath) {
    $state = Get-Content -Raw -LiteralPath $StatePath | ConvertFrom-Json
    $since = [DateTimeOffset]::FromUnixTimeMilliseconds([long] $state.LastRunUntilMs)
}
$threshold = [Math]::Max(0L, $since.ToUnixTimeMilliseconds() - [long] $Overlap.TotalMilliseconds)

$items = if ($PSCmdlet.ParameterSetName -eq 'Path') {
    $data = Get-Content -Raw -LiteralPath $SourcePath | ConvertFrom-Json
    foreach ($item in $data) { $item }                           # an array in Windows PowerShell and PowerShell 7 alike
} else {
    & $Source $since
}

$common = @{}
if ($Connection) { $common.Connection = $Connection }
$checked = 0
$diffs = [System.Collections.Generic.List[object]]::new()
$testErrors = [System.Collections.ArrayList]::new()            # -ErrorVariable +name appends to these
$syncErrors = [System.Collections.ArrayList]::new()

# Items without a readable update_time are passed on: Test-ExternalInstance reports them as errors (Failed).
$results = @(
    $items |
        Where-Object { $ms = Get-UpdateTimeMs $_; ($null -eq $ms) -or ($ms -gt $threshold) } |
        ForEach-Object { $checked++; $_ } |
        Test-ExternalInstance -BatchSize $BatchSize @common -ErrorVariable +testErrors |
        ForEach-Object { $diffs.Add($_); $_ } |
        Sync-ExternalInstance -Mode Update -Verify @common -ErrorVariable +syncErrors
)

$notApplied = @($results | Where-Object { "$($_.Verified)" -eq 'NotApplied' })
$resynced = @($results | Where-Object { "$($_.Verified)" -ne 'NotApplied' })
$failed = $testErrors.Count + $syncErrors.Count + $notApplied.Count

$stateUpdated = $false
if ($failed -eq 0 -and -not $WhatIfPreference -and $PSCmdlet.ShouldProcess($StatePath, "Set the checkpoint to $($until.ToString('o'))")) {
    $directory = Split-Path -Parent $StatePath
    if ($directory -and -not (Test-Path -LiteralPath $directory)) { New-Item -ItemType Directory -Path $directory | Out-Null }
    $temporary = "$StatePath.tmp"
    [pscustomobject]@{
        LastRunUntil   = $until.ToString('o')
        LastRunUntilMs = $until.ToUnixTimeMilliseconds()
        Checked        = $checked
        Resynced       = $resynced.Count
    } | ConvertTo-Json | Set-Content -LiteralPath $temporary -Encoding UTF8
    Move-Item -LiteralPath $temporary -Destination $StatePath -Force     # replaced whole or not at all
    $stateUpdated = $true
}

[pscustomobject]@{
    PSTypeName   = 'ApprovalTools.SyncUnsyncedSummary'
    Checked      = $checked
    OutOfSync    = $diffs.Count
    Resynced     = $resynced.Count
    Failed       = $failed
    Since        = $since
    Until        = $until
    StateUpdated = $stateUpdated
}
