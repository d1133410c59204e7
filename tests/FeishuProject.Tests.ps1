#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Feishu Project node operations against the module's embedded sandbox: the README examples, with real assertions.

BeforeAll {
    Import-Module "$PSScriptRoot/../out/ApprovalTools/ApprovalTools.psd1" -Force

    # Work items of our own (space "pester"), so the demo items stay as the README describes them.
    $seed = Join-Path $TestDrive 'project-seed.json'
    @{
        work_items = @(
            foreach ($id in 1..12) {
                @{
                    project_key        = 'pester'
                    work_item_type_key = 'story'
                    work_item_id       = "$id"
                    roles              = @('PM', 'QA')
                    fields             = @(@{ field_key = 'field_priority'; field_alias = 'priority'; options = @('P0', 'P1') })
                    nodes              = @(
                        @{ id = 'start'; name = 'Start' }
                        # item 8's design node already has an owner: omitting -NodeOwner keeps it, @() removes it
                        @{ id = 'design'; name = 'Design'; required_owner = $true; owners = @(if ($id -eq 8) { 'u0' }) }
                        @{ id = 'done'; name = 'Done' }
                    )
                }
            }
        )
    } | ConvertTo-Json -Depth 8 | Set-Content -Path $seed -Encoding utf8

    $script:conn = Connect-FeishuProject -Sandbox -SeedPath $seed

    function Invoke-Quietly([scriptblock] $Script) {
        # Runs a command, returning its output and its non-terminating errors separately.
        $all = @(& $Script 2>&1)
        [pscustomobject]@{
            Output = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
            Errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        }
    }
}

Describe 'Connect-FeishuProject' {
    It 'connects to the embedded sandbox and becomes the default connection' {
        $conn | Should -Not -BeNullOrEmpty
        $conn.IsSandbox | Should -BeTrue
        $conn.ConnectedAt | Should -Not -BeNullOrEmpty
        $conn.BaseUri.Host | Should -Be '127.0.0.1'
    }

    It 'stops with an authentication error for a wrong secret and never shows the secret' {
        $secret = ConvertTo-SecureString 'wrong-plugin-secret-1234' -AsPlainText -Force
        $err = { Connect-FeishuProject -PluginId MII_X -PluginSecret $secret -UserKey 7136 -BaseUri $conn.BaseUri } |
            Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'CredentialsRejected*'
        "$($err.CategoryInfo.Category)" | Should -Be 'AuthenticationError'
        ($err | Out-String) | Should -Not -BeLike '*wrong-plugin-secret-1234*'
    }

    It 'stops when no credentials are given' {
        $saved = $env:FEISHU_PROJECT_PLUGIN_ID, $env:FEISHU_PROJECT_PLUGIN_SECRET
        $env:FEISHU_PROJECT_PLUGIN_ID = $null; $env:FEISHU_PROJECT_PLUGIN_SECRET = $null
        try {
            $err = { Connect-FeishuProject -UserKey 7136 } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'CredentialsMissing*'
        } finally {
            $env:FEISHU_PROJECT_PLUGIN_ID, $env:FEISHU_PROJECT_PLUGIN_SECRET = $saved
        }
    }
}

Describe 'Invoke-NodeOperation' {
    It 'confirms nodes from a CSV (columns bind by property name)' {
        $csv = Join-Path $TestDrive 'nodes.csv'
        @(
            [pscustomobject]@{ project_key = 'pester'; work_item_type_key = 'story'; work_item_id = '1'; node_id = 'start' }
            [pscustomobject]@{ project_key = 'pester'; work_item_type_key = 'story'; work_item_id = '2'; node_id = 'start' }
            [pscustomobject]@{ project_key = 'pester'; work_item_type_key = 'story'; work_item_id = '3'; node_id = 'start' }
        ) | Export-Csv -Path $csv -NoTypeInformation

        $results = Import-Csv $csv | Invoke-NodeOperation -Action Confirm

        $results | Should -HaveCount 3
        ($results.WorkItemId | Sort-Object) | Should -Be @('1', '2', '3')
        $results | ForEach-Object {
            "$($_.Action)" | Should -Be 'Confirm'
            $_.NodeId | Should -Be 'start'
            $_.IdempotencyKey | Should -Not -BeNullOrEmpty
            $_.Attempts | Should -Be 1
        }
        # the nodes really completed: confirming again is refused with the seed's 20017 row
        $again = Invoke-Quietly { Import-Csv $csv | Select-Object -First 1 | Invoke-NodeOperation -Action Confirm }
        $again.Output | Should -HaveCount 0
        $again.Errors[0].FullyQualifiedErrorId | Should -BeLike 'NodeIsCompleted*'
    }

    It 'takes the action and the rollback reason from CSV columns too' {
        Invoke-NodeOperation -ProjectKey pester -WorkItemTypeKey story -WorkItemId 4 -NodeId start -Action Confirm | Out-Null
        $rows = @(
            [pscustomobject]@{ project_key = 'pester'; work_item_type_key = 'story'; work_item_id = '4'; node_id = 'start'; action = 'rollback'; rollback_reason = 'redo' }
            [pscustomobject]@{ project_key = 'pester'; work_item_type_key = 'story'; work_item_id = '4'; node_id = 'start'; action = 'confirm'; rollback_reason = '' }
        )

        $results = $rows | Invoke-NodeOperation -ThrottleLimit 1

        @($results | ForEach-Object { "$($_.Action)" }) | Should -Be @('Rollback', 'Confirm')
    }

    It 'runs the README examples on the demo space' {
        $r = Invoke-NodeOperation -ProjectKey demo -WorkItemTypeKey story -WorkItemId 1001 -NodeId start -Action Confirm
        $r.WorkItemId | Should -Be '1001'

        $r = Invoke-NodeOperation -ProjectKey demo -WorkItemTypeKey story -WorkItemId 1001 -NodeId design -Action Confirm -NodeOwner 7136000000000000676
        $r.NodeId | Should -Be 'design'

        $r = Invoke-NodeOperation -ProjectKey demo -WorkItemTypeKey story -WorkItemId 1001 -NodeId develop -Action Confirm `
            -NodeSchedule @{ points = 5; estimate_start_date = 1722182400000; estimate_end_date = 1722355199999 } `
            -Field @{ field_alias = 'priority'; field_type_key = 'select'; field_value = @{ label = 'P1'; value = 'P1' } }
        $r.NodeId | Should -Be 'develop'

        $r = Invoke-NodeOperation -ProjectKey demo -WorkItemTypeKey story -WorkItemId 1001 -NodeId design -Action Rollback -RollbackReason '需求变更'
        "$($r.Action)" | Should -Be 'Rollback'

        # the flow went back: design is current again, develop has to wait
        $late = Invoke-Quietly { Invoke-NodeOperation -ProjectKey demo -WorkItemTypeKey story -WorkItemId 1001 -NodeId develop -Action Confirm }
        $late.Errors[0].FullyQualifiedErrorId | Should -BeLike 'NodeNotArrived*'
    }

    It 'rejects a rollback without a reason before sending anything' {
        $r = Invoke-Quietly { Invoke-NodeOperation -ProjectKey pester -WorkItemTypeKey story -WorkItemId 5 -NodeId start -Action Rollback }

        $r.Output | Should -HaveCount 0
        $r.Errors | Should -HaveCount 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'RollbackReasonRequired*'
        "$($r.Errors[0].CategoryInfo.Category)" | Should -Be 'InvalidArgument'
        # nothing was sent: the node is still current and can be confirmed
        (Invoke-NodeOperation -ProjectKey pester -WorkItemTypeKey story -WorkItemId 5 -NodeId start -Action Confirm).NodeId | Should -Be 'start'
    }

    It 'shows the remediation of each server error and succeeds once it is followed' {
        Invoke-NodeOperation -ProjectKey pester -WorkItemTypeKey story -WorkItemId 6 -NodeId start -Action Confirm | Out-Null

        $r = Invoke-Quietly { Invoke-NodeOperation -ProjectKey pester -WorkItemTypeKey story -WorkItemId 6 -NodeId design -Action Confirm }
        $e = $r.Errors[0]
        $e.FullyQualifiedErrorId | Should -BeLike 'NodeOwnerRequired*'
        "$($e.CategoryInfo.Category)" | Should -Be 'InvalidData'
        $e.ErrorDetails.Message | Should -BeLike '*fill in the node owner first, then retry*'
        $e.ErrorDetails.RecommendedAction | Should -Be 'fill in the node owner first, then retry'
        $e.TargetObject.WorkItemId | Should -Be '6'

        $ok = Invoke-NodeOperation -ProjectKey pester -WorkItemTypeKey story -WorkItemId 6 -NodeId design -Action Confirm -NodeOwner 7136000000000000676
        $ok.NodeId | Should -Be 'design'
    }

    It 'maps not-arrived, unknown node, unknown work item and unknown field to their error ids' {
        $cases = @(
            @{ Args = @{ WorkItemId = 7; NodeId = 'done' }; Id = 'NodeNotArrived'; Hint = '*complete the nodes before it first*' }
            @{ Args = @{ WorkItemId = 7; NodeId = 'nope' }; Id = 'NodeNotFound'; Hint = '*node_id*' }
            @{ Args = @{ WorkItemId = 999; NodeId = 'start' }; Id = 'WorkItemNotFound'; Hint = '*exists*' }
            @{ Args = @{ WorkItemId = 7; NodeId = 'start'; Field = @{ field_alias = 'testin_allow'; field_value = 'x' } }; Id = 'FieldNotFound'; Hint = '*fields being updated exist*' }
        )
        foreach ($case in $cases) {
            $params = $case.Args
            $r = Invoke-Quietly { Invoke-NodeOperation -ProjectKey pester -WorkItemTypeKey story -Action Confirm @params }
            $r.Output | Should -HaveCount 0
            $r.Errors[0].FullyQualifiedErrorId | Should -BeLike "$($case.Id)*"
            $r.Errors[0].ErrorDetails.Message | Should -BeLike $case.Hint
        }
    }

    It 'keeps owners when -NodeOwner is omitted and removes them all with @()' {
        Invoke-NodeOperation -ProjectKey pester -WorkItemTypeKey story -WorkItemId 8 -NodeId start -Action Confirm | Out-Null

        # @() is sent as [] and would remove the existing owner, so the owner-required node refuses
        $r = Invoke-Quietly { Invoke-NodeOperation -ProjectKey pester -WorkItemTypeKey story -WorkItemId 8 -NodeId design -Action Confirm -NodeOwner @() }
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'NodeOwnerRequired*'

        # omitted leaves the owner in place, so the same node completes
        (Invoke-NodeOperation -ProjectKey pester -WorkItemTypeKey story -WorkItemId 8 -NodeId design -Action Confirm).NodeId | Should -Be 'design'
    }

    It 'changes nothing under -WhatIf' {
        $r = Invoke-NodeOperation -ProjectKey pester -WorkItemTypeKey story -WorkItemId 9 -NodeId start -Action Confirm -WhatIf
        $r | Should -BeNullOrEmpty
        (Invoke-NodeOperation -ProjectKey pester -WorkItemTypeKey story -WorkItemId 9 -NodeId start -Action Confirm).NodeId | Should -Be 'start'
    }

    It 'refuses a schedule date given in seconds when binding' {
        { Invoke-NodeOperation -ProjectKey pester -WorkItemTypeKey story -WorkItemId 9 -NodeId design -Action Confirm -NodeSchedule @{ estimate_start_date = 1722182400 } } |
            Should -Throw '*looks like seconds*'
    }

    It 'accepts typed structures' {
        $role = [ApprovalTools.Core.Project.RoleOwner]::new('QA', [string[]]@('7136000000000000676'))
        $role.Role | Should -Be 'QA'
        $field = [ApprovalTools.Core.Project.FieldValuePair]@{ FieldAlias = 'priority'; FieldValue = @{ value = 'P0' } }
        $field.FieldAlias | Should -Be 'priority'

        Invoke-NodeOperation -ProjectKey demo -WorkItemTypeKey story -WorkItemId 1002 -NodeId start -Action Confirm -Field $field -RoleAssignee $role |
            Should -Not -BeNullOrEmpty
    }
}

Describe 'Get-WorkflowNode' {
    It 'writes one typed node per node, with a table view' {
        $nodes = Get-WorkflowNode -ProjectKey pester -WorkItemTypeKey story -WorkItemId 10
        $nodes.Count | Should -Be 3
        $nodes | ForEach-Object { $_ | Should -BeOfType ([ApprovalTools.Core.Project.WorkflowNode]) }
        $nodes.NodeId | Should -Be @('start', 'design', 'done')
        "$($nodes[0].Status)" | Should -Be 'Arrived'
        "$($nodes[1].Status)" | Should -Be 'NotArrived'
        $table = $nodes | Out-String
        $table | Should -BeLike '*NodeId*Status*Owners*Schedule*'
        $table | Should -BeLike '*design*NotArrived*'
    }

    It 'pipes into Invoke-NodeOperation by property name: -WhatIf changes nothing, then the arrived nodes are confirmed' {
        $preview = Get-WorkflowNode -ProjectKey pester -WorkItemTypeKey story -WorkItemId 10, 11 |
            Where-Object Status -eq Arrived | Invoke-NodeOperation -Action Confirm -WhatIf
        $preview | Should -BeNullOrEmpty
        @(Get-WorkflowNode -ProjectKey pester -WorkItemTypeKey story -WorkItemId 10, 11 | Where-Object Status -eq Arrived).NodeId |
            Should -Be @('start', 'start')

        $done = Get-WorkflowNode -ProjectKey pester -WorkItemTypeKey story -WorkItemId 10, 11 |
            Where-Object Status -eq Arrived | Invoke-NodeOperation -Action Confirm
        ($done.WorkItemId | Sort-Object) | Should -Be @('10', '11')
        $done.NodeId | Should -Be @('start', 'start')
        $after = Get-WorkflowNode -ProjectKey pester -WorkItemTypeKey story -WorkItemId 10
        "$(($after | Where-Object NodeId -eq start).Status)" | Should -Be 'Completed'
        "$(($after | Where-Object NodeId -eq design).Status)" | Should -Be 'Arrived'
    }

    It 'takes work item ids and objects from the pipeline; each bad one is one error naming it' {
        $run = Invoke-Quietly { '12', '999', 'x' | Get-WorkflowNode -ProjectKey pester -WorkItemTypeKey story }
        $run.Output.Count | Should -Be 3
        $run.Errors.Count | Should -Be 2
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'WorkItemIdInvalid*'
        $run.Errors[0].TargetObject | Should -Be 'x'
        "$($run.Errors[0].CategoryInfo.Category)" | Should -Be 'InvalidArgument'
        ($run.Errors | Where-Object TargetObject -eq '999').FullyQualifiedErrorId | Should -BeLike 'WorkItemNotFound*'

        $fromObject = [pscustomobject]@{ project_key = 'pester'; work_item_type_key = 'story'; work_item_id = '12' } | Get-WorkflowNode
        $fromObject.Count | Should -Be 3
    }

    It 'reads numeric ids from objects and ConvertFrom-Json as ids, not as the object''s text' {
        $objects = 10, 11 | ForEach-Object { [pscustomobject]@{ ProjectKey = 'pester'; WorkItemTypeKey = 'story'; WorkItemId = $_ } } | Get-WorkflowNode
        ($objects.WorkItemId | Sort-Object -Unique) | Should -Be @('10', '11')
        $json = '[{"project_key":"pester","work_item_type_key":"story","work_item_id":12}]' | ConvertFrom-Json | Get-WorkflowNode
        ($json.WorkItemId | Sort-Object -Unique) | Should -Be '12'
        (12 | Get-WorkflowNode -ProjectKey pester -WorkItemTypeKey story).Count | Should -Be 3
    }

    It 'shows the node state a node operation left behind (owners, schedule, planned construction period)' {
        Invoke-NodeOperation -ProjectKey pester -WorkItemTypeKey story -WorkItemId 12 -NodeId start -Action Confirm -NodeOwner u1, u2 `
            -NodeSchedule @{ points = 2; estimate_start_date = '2024-07-29'; estimate_end_date = '2024-08-05'; planned_construction_period = 6 } | Out-Null
        $start = Get-WorkflowNode -ProjectKey pester -WorkItemTypeKey story -WorkItemId 12 | Where-Object NodeId -eq start
        $start.Owners | Should -Be @('u1', 'u2')
        $start.Schedule.Points | Should -Be 2
        $start.Schedule.PlannedConstructionPeriod | Should -Be 6
    }
}

Describe 'Invoke-NodeOperation -Action Update' {
    It 'changes a node read with Get-WorkflowNode without moving the flow; -WhatIf sends nothing' {
        $node = Get-WorkflowNode -ProjectKey pester -WorkItemTypeKey story -WorkItemId 11 | Where-Object NodeId -eq done
        "$($node.Status)" | Should -Be 'NotArrived'

        $node | Invoke-NodeOperation -Action Update -NodeOwner u9 -WhatIf | Should -BeNullOrEmpty
        (Get-WorkflowNode -ProjectKey pester -WorkItemTypeKey story -WorkItemId 11 | Where-Object NodeId -eq done).Owners | Should -BeNullOrEmpty

        $r = $node | Invoke-NodeOperation -Action Update -NodeOwner u9 -NodeSchedule @{ points = 3; planned_construction_period = 2 }
        "$($r.Action)" | Should -Be 'Update'
        $after = Get-WorkflowNode -ProjectKey pester -WorkItemTypeKey story -WorkItemId 11 | Where-Object NodeId -eq done
        $after.Owners | Should -Be @('u9')
        $after.Schedule.PlannedConstructionPeriod | Should -Be 2
        "$($after.Status)" | Should -Be 'NotArrived'
    }

    It 'refuses an update with nothing to change, naming the rule' {
        $run = Invoke-Quietly { Invoke-NodeOperation -ProjectKey pester -WorkItemTypeKey story -WorkItemId 11 -NodeId done -Action Update }
        $run.Output | Should -BeNullOrEmpty
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'NothingToUpdate*'
        $run.Errors[0].Exception.Message | Should -BeLike '*-NodeOwner*'
    }
}
