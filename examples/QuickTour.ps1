#Requires -Version 7.0
<#
.SYNOPSIS
    The module's main job in PowerShell against the embedded sandbox, every step checked.

.DESCRIPTION
    The README's quick tour as a script: connect the three services to the sandbox (-Sandbox), create the approval
    definition (Set-ExternalApproval) and sync instances into it, find drift with Test-ExternalInstance and resync it
    through the pipe, look at tasks and preview a clear with -WhatIf, submit a batch approval with -Wait, and confirm
    and roll back Feishu Project nodes. Each step checks what came
    back; the script exits 1 when one does not behave as documented (0 when all do).

    `./build.ps1 -Task QuickTour` builds the module and runs this script in a fresh pwsh. Run it in a new session:
    the demo story it confirms keeps its state for the life of the process.

.PARAMETER ModulePath
    The module to import; defaults to the staged build, out/ApprovalTools.

.EXAMPLE
    dotnet pwsh -NoProfile -File examples/QuickTour.ps1
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '..' 'out' 'ApprovalTools')
)

$ErrorActionPreference = 'Stop'
$failures = [System.Collections.Generic.List[string]]::new()

function Step([string] $Title) { Write-Host "`n$Title" -ForegroundColor Cyan }

function Expect([bool] $Condition, [string] $What) {
    if ($Condition) { Write-Host "  ok: $What" -ForegroundColor Green }
    else { Write-Host "  FAILED: $What" -ForegroundColor Red; $failures.Add($What) }
}

# Runs a command, returning its output and its non-terminating errors separately (errors are data here).
function Invoke-Step([scriptblock] $Script) {
    $ErrorActionPreference = 'Continue'
    $all = @(& $Script 2>&1)
    [pscustomobject]@{
        Output = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
        Errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
    }
}

Import-Module $ModulePath
Write-Host "ApprovalTools $((Get-Module ApprovalTools).Version) on PowerShell $($PSVersionTable.PSVersion)"

Step '1. Connect-Feishu -Sandbox; Set-ExternalApproval ...; instances.json | ConvertFrom-Json | Sync-ExternalInstance -Mode Update'
$feishu = Connect-Feishu -Sandbox
Expect ($feishu.IsSandbox) 'connected to the embedded sandbox'
$instances = Get-Content -Raw (Join-Path $PSScriptRoot 'instances.json') | ConvertFrom-Json
$unknown = $instances[0] | ConvertTo-Json -Depth 10 | ConvertFrom-Json
$unknown.approval_code = 'erp-purchase'
$refused = Invoke-Step { $unknown | Sync-ExternalInstance -Mode Update }
Expect ($refused.Output.Count -eq 0 -and $refused.Errors.Count -eq 1 -and "$($refused.Errors[0])" -match 'approval_code') `
    'an instance whose approval_code no definition holds is one error naming approval_code'
# Instances are synced into a third-party approval definition: create it once and give the instances its code
# (the code Feishu answers, not the one sent). An ERP would keep that code in its settings.
$definition = Set-ExternalApproval -ApprovalCode erp-purchase -Name 'Purchase order' -BizName ERP -SupportPc -SupportMobile
$definition | Format-Table | Out-Host
Expect ($definition.RequestedCode -eq 'erp-purchase' -and $definition.ApprovalCode) "definition created under Feishu's code $($definition.ApprovalCode)"
$instances | ForEach-Object { $_.approval_code = $definition.ApprovalCode }
$sync = Invoke-Step { $instances | Sync-ExternalInstance -Mode Update -Verify }
$sync.Output | Format-Table | Out-Host
Expect ($sync.Output.Count -eq $instances.Count -and $sync.Errors.Count -eq 0) "$($instances.Count) instances synced, one SyncResult each"
Expect (@($sync.Output | Where-Object { "$($_.Verified)" -ne 'Applied' }).Count -eq 0) 'every result verified as applied'

Step '2. The ERP approves a task but that sync is lost; Test-ExternalInstance finds the drift'
$local = $instances | ConvertTo-Json -Depth 10 | ConvertFrom-Json          # a deep copy to change
$later = [string]([long]$local[0].update_time + 60000)
$local[0].update_time = $later
$local[0].task_list[0].status = 'APPROVED'
$local[0].task_list[0].end_time = $later
$local[0].task_list[0].update_time = $later
$diffs = @($local | Test-ExternalInstance)
$diffs | Format-Table | Out-Host
Expect ($diffs.Count -eq 1 -and $diffs[0].InstanceId -eq $local[0].instance_id -and "$($diffs[0].Reason)" -eq 'TaskStale') `
    "exactly $($local[0].instance_id) is reported, reason TaskStale"

Step '3. Test-ExternalInstance | Sync-ExternalInstance resyncs exactly what is out of sync'
$resync = Invoke-Step { $local | Test-ExternalInstance | Sync-ExternalInstance -Mode Update }
Expect ($resync.Output.Count -eq 1 -and $resync.Errors.Count -eq 0) 'one instance resynced'
Expect (@($local | Test-ExternalInstance).Count -eq 0) 'a second Test-ExternalInstance finds nothing out of sync'

Step '4. Get-ApprovalTask | Clear-ExternalInstance -WhatIf previews a clear and sends nothing'
$tasks = @(Get-ApprovalTask -UserId finance1 -UserIdType user_id -Topic Todo)
$tasks | Format-Table | Out-Host
Expect ($tasks.Count -ge 1) "finance1 has $($tasks.Count) task(s) to do"
$preview = @($tasks | Clear-ExternalInstance -WhatIf)
Expect ($preview.Count -eq 0) '-WhatIf writes no result'
Expect (@(Get-ApprovalTask -UserId finance1 -UserIdType user_id -Topic Todo).Count -eq $tasks.Count) 'the tasks are still there'

Step '5. Submit-BatchApproval -Wait: 450 ids, two without batch approval, one that fails on the server'
$batch = Connect-BatchApproval -Sandbox
$ids = 1..450 | ForEach-Object { 'task-{0:000}' -f $_ }
$ids[6] = 'task-007-unsupported'; $ids[122] = 'task-123-unsupported'; $ids[299] = 'task-300-closed'
$submit = Invoke-Step { Submit-BatchApproval -UserId u1 -TaskId $ids -Wait -PollInterval 0.2 }
$submit.Output | Format-Table | Out-Host
Expect ($submit.Output.Count -eq 3 -and @($submit.Output | Where-Object { $_.TaskIds.Count -gt 200 }).Count -eq 0) '448 supported ids submitted in 3 batches of at most 200'
Expect (@($submit.Output | Where-Object IsFinished).Count -eq 3) 'all three batches followed to their end'
$unsupported = @($submit.Errors | Where-Object { $_.FullyQualifiedErrorId -like 'BatchTaskUnsupported*' })
$failed = @($submit.Errors | Where-Object { $_.FullyQualifiedErrorId -like 'BatchTaskFailed*' })
Expect ($unsupported.Count -eq 2 -and $failed.Count -eq 1) '2 unsupported and 1 failed task reported as errors: every id accounted for'

Step '6. Connect-FeishuProject -Sandbox; Invoke-NodeOperation on the demo story 1001'
$project = Connect-FeishuProject -Sandbox
$story = @{ ProjectKey = 'demo'; WorkItemTypeKey = 'story'; WorkItemId = '1001' }
$nodes = Invoke-Step { 'start', 'design' | ForEach-Object { Invoke-NodeOperation @story -NodeId $_ -Action Confirm } }
$nodes.Output | Format-Table | Out-Host
Expect ($nodes.Output.Count -eq 1 -and $nodes.Errors.Count -eq 1 -and $nodes.Errors[0].FullyQualifiedErrorId -like 'NodeOwnerRequired*') `
    'start confirmed; design refused until it has an owner (the error says how to fix it)'
$fixed = Invoke-Step {
    Invoke-NodeOperation @story -NodeId design -Action Confirm -NodeOwner $project.UserKey
    Invoke-NodeOperation @story -NodeId design -Action Rollback -RollbackReason '需求变更'
}
Expect ($fixed.Output.Count -eq 2 -and $fixed.Errors.Count -eq 0) 'design confirmed with an owner, then rolled back with a reason'

if ($failures.Count -gt 0) {
    Write-Host "`nQuick tour FAILED in $($failures.Count) step(s):" -ForegroundColor Red
    $failures | ForEach-Object { Write-Host "  - $_" -ForegroundColor Red }
    exit 1
}
Write-Host "`nQuick tour finished: every step behaved as documented. The module is staged in $((Get-Module ApprovalTools).ModuleBase)." -ForegroundColor Green
exit 0
