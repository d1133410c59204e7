#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The docs/troubleshooting-sync.md walk-through ("Troubleshooting sync": the FAQ's four questions) against the
# embedded sandbox. The sandbox is shared with the other test files, so assertions look only at the example
# instances (PO-2025-*) or at ids made here, and the examples are put back at the end.

BeforeAll {
    . $PSScriptRoot/Shared.ps1
    $script:connection = Connect-Feishu -Sandbox
    $script:examplesPath = Join-Path (Join-Path $RepositoryRoot 'examples') 'instances.json'
    $script:runbook = Join-Path (Join-Path $RepositoryRoot 'examples') 'Sync-Unsynced.ps1'
    $script:instances = Get-Content -Raw $examplesPath | ConvertFrom-Json
    $script:approvalCode = '81D31358-93AF-92D6-7425-01A5D67C4E71'
    $instances | Sync-ExternalInstance -Mode Replace -Force | Out-Null         # a known starting point
}

AfterAll {
    $instances | Sync-ExternalInstance -Mode Replace -Force | Out-Null         # leave the examples as they were
}

Describe '1. Sync modes: -Verify shows what UPDATE silently skipped' {
    It 'reports a stale UPDATE as NotApplied with the server time and a warning, and leaves the server as it was' {
        $stale = $instances[0] | ConvertTo-Json -Depth 10 | ConvertFrom-Json
        $stale.status = 'REJECTED'
        $stale.update_time = '1735690000000'

        $result = $stale | Sync-ExternalInstance -Mode Update -Verify -WarningVariable warnings -WarningAction SilentlyContinue

        "$($result.Verified)" | Should -Be 'NotApplied'
        $result.ServerUpdateTime.ToUnixTimeMilliseconds() | Should -Be 1735700400000
        "$($result.VerifyDiff.Reason)" | Should -Be 'InstanceStale'
        $warnings | Should -HaveCount 1
        "$($warnings[0])" | Should -Match 'PO-2025-001'
        $stale | Test-ExternalInstance | Select-Object -ExpandProperty InstanceId | Should -Be 'PO-2025-001'
        $instances[0] | Test-ExternalInstance | Should -BeNullOrEmpty
    }

    It 'reports REPLACE as Applied' {
        $result = $instances[0] | Sync-ExternalInstance -Mode Replace -Force -Verify
        "$($result.Verified)" | Should -Be 'Applied'
        "$($result.Mode)" | Should -Be 'Replace'
    }

    It 'leaves Verified at NotVerified without -Verify' {
        "$(($instances[0] | Sync-ExternalInstance).Verified)" | Should -Be 'NotVerified'
    }
}

Describe 'Get-ExternalTask: what the server stores per task' {
    It 'reads back the synced examples from Sync-ExternalInstance results, one typed row per task with a table view' {
        $rows = $instances | Sync-ExternalInstance -Mode Update -Verify | Get-ExternalTask
        $rows | ForEach-Object { $_ | Should -BeOfType ([ApprovalTools.Core.Approval.Tasks.ExternalTaskRecord]) }
        ($rows.InstanceId | Sort-Object -Unique) | Should -Be @('PO-2025-001', 'PO-2025-002', 'PO-2025-003')
        $first = $rows | Where-Object InstanceId -eq 'PO-2025-001' | Select-Object -First 1
        $first.ApprovalCode | Should -Be $approvalCode
        $first.Status | Should -Not -BeNullOrEmpty
        ($rows | Out-String) | Should -BeLike '*InstanceId*InstanceStatus*TaskId*Status*'
    }

    It 'shows that a stale UPDATE left the stored task as it was' {
        $stale = $instances[0] | ConvertTo-Json -Depth 10 | ConvertFrom-Json
        $stale.task_list[0].status = 'REJECTED'
        $stale.update_time = '1735690000000'
        $stale.task_list[0].update_time = '1735690000000'
        $before = Get-ExternalTask -InstanceId PO-2025-001
        $after = $stale | Sync-ExternalInstance -Mode Update -Verify -WarningAction SilentlyContinue | Get-ExternalTask
        ($after | Where-Object TaskId -eq $stale.task_list[0].task_id).Status | Should -Be ($before | Where-Object TaskId -eq $stale.task_list[0].task_id).Status
    }

    It 'pages with -First, and refuses a query the API would reject before sending' {
        @(Get-ExternalTask -ApprovalCode $approvalCode -Status Pending -PageSize 1 -First 1).Count | Should -Be 1
        $run = Invoke-Collecting { Get-ExternalTask -ApprovalCode $approvalCode }
        $run.Output | Should -BeNullOrEmpty
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ExternalTaskQueryInvalid*'
        $run.Errors[0].Exception.Message | Should -BeLike '*instance_ids*'
    }
}

Describe '2. Troubleshooting step 1: Get-ApprovalTask' {
    It 'lists the todo tasks of a user with ids that name the third-party instance and task' {
        $todo = @(Get-ApprovalTask -UserId manager1 -UserIdType user_id -Topic Todo | Where-Object InstanceId -like 'PO-2025-*')
        $todo | Should -HaveCount 1
        $todo[0].InstanceId | Should -Be 'PO-2025-001'
        $todo[0].ExternalTaskId | Should -Be 'PO-2025-001-T1'
        $todo[0].ApprovalCode | Should -Be $approvalCode
        "$($todo[0].Status)" | Should -Be 'Todo'
        "$($todo[0].ProcessStatus)" | Should -Be 'Running'
        $todo[0].Urls.Pc | Should -Not -BeNullOrEmpty
    }

    It 'lists done tasks, cc and initiated instances' {
        $done = @(Get-ApprovalTask -UserId manager1 -UserIdType user_id -Topic Done | Where-Object InstanceId -like 'PO-2025-*')
        ($done.InstanceId | Sort-Object) | Should -Be @('PO-2025-002', 'PO-2025-003')
        (Get-ApprovalTask -UserId assistant1 -UserIdType user_id -Topic UnreadCc | Where-Object InstanceId -eq 'PO-2025-002').ExternalTaskId |
            Should -Be 'PO-2025-002-C1'
        (Get-ApprovalTask -UserId buyer2 -UserIdType user_id -Topic Initiated).InstanceId | Should -Contain 'PO-2025-002'
    }

    It 'takes several users from the pipeline and pages with -First and -IncludeTotalCount' {
        $tasks = @('manager1', 'finance1' | Get-ApprovalTask -UserIdType user_id -Topic Todo -First 10)
        $tasks.UserId | Sort-Object -Unique | Should -Be @('finance1', 'manager1')

        $withTotal = @(Get-ApprovalTask -UserId buyer2 -UserIdType user_id -Topic Initiated -IncludeTotalCount)
        $total = $withTotal | Where-Object { $_ -is [uint64] }           # PagingParameters.NewTotalCount wraps a UInt64
        $total | Should -HaveCount 1
        # String expansion reads the wrapped UInt64; the "Total count: N" text is the wrapper's own ToString().
        $total.ToString() | Should -Match '^Total count: \d+$'
    }

    It 'offers the topics for tab completion and refuses an unknown one' {
        (Get-Command Get-ApprovalTask).Parameters['Topic'].ParameterType.GetEnumNames() |
            Should -Be @('Todo', 'Done', 'Initiated', 'UnreadCc', 'ReadCc')
        { Get-ApprovalTask -UserId manager1 -Topic Pending } | Should -Throw
    }

    It 'follows every page' {
        $now = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
        $user = "pager-$now"
        $tasks = 1..12 | ForEach-Object {
            @{ task_id = "pg-$now-$_"; user_id = $user; status = 'PENDING'; links = @{ pc_link = 'https://erp.example.com/t' }
               create_time = "$now"; end_time = '0'; update_time = "$now" }
        }
        @{ approval_code = (New-TestApprovalCode 'Pester paging'); instance_id = "pg-$now"; status = 'PENDING'; links = @{ pc_link = 'https://erp.example.com/i' }
           user_id = 'buyer1'; start_time = "$now"; end_time = '0'; update_time = "$now"; task_list = $tasks
           i18n_resources = @(@{ locale = 'zh-CN'; is_default = $true; texts = @() }) } | Sync-ExternalInstance | Out-Null

        $all = @(Get-ApprovalTask -UserId $user -UserIdType user_id -PageSize 5)
        $all | Should -HaveCount 12
        ($all.ExternalTaskId | Sort-Object -Unique) | Should -HaveCount 12
        @(Get-ApprovalTask -UserId $user -UserIdType user_id -PageSize 5 -Skip 10).Count | Should -Be 2
    }
}

Describe '2. Troubleshooting step 2: Test-ExternalInstance' {
    It 'finds nothing for instances in sync and resyncs what differs' {
        $instances | Test-ExternalInstance | Should -BeNullOrEmpty
        $instances | Test-ExternalInstance | Sync-ExternalInstance -Mode Update -Verify | Should -BeNullOrEmpty
    }
}

Describe '3. Scheduled detection: examples/Sync-Unsynced.ps1' {
    BeforeAll {
        $now = [DateTimeOffset]::UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds()
        $script:sourcePath = Join-Path $TestDrive 'source.json'
        $script:statePath = Join-Path $TestDrive 'state.json'
        $script:ids = 1..3 | ForEach-Object { "sched-$now-$_" }
        $code = New-TestApprovalCode 'Pester schedule'
        $items = foreach ($id in $ids) {
            [ordered]@{ approval_code = $code; instance_id = $id; status = 'PENDING'
                links = @{ pc_link = "https://erp.example.com/pc/$id" }; user_id = 'buyer1'
                start_time = "$now"; end_time = '0'; update_time = "$now"
                task_list = @(@{ task_id = "$id-T1"; user_id = 'manager1'; status = 'PENDING'; links = @{ pc_link = "https://erp.example.com/t/$id" }
                                 create_time = "$now"; end_time = '0'; update_time = "$now" })
                i18n_resources = @(@{ locale = 'zh-CN'; is_default = $true; texts = @() }) }
        }
        ConvertTo-Json -InputObject @($items) -Depth 10 | Set-Content -LiteralPath $sourcePath -Encoding UTF8
    }

    It 'resyncs what the server lacks, writes the checkpoint and prints a summary' {
        $summary = & $runbook -SourcePath $sourcePath -StatePath $statePath
        $summary.Checked | Should -Be 3
        $summary.OutOfSync | Should -Be 3
        $summary.Resynced | Should -Be 3
        $summary.Failed | Should -Be 0
        $summary.StateUpdated | Should -BeTrue
        $summary.Since.ToUnixTimeMilliseconds() | Should -Be 0
        Test-Path $statePath | Should -BeTrue
        (Get-Content -Raw $statePath | ConvertFrom-Json).LastRunUntilMs | Should -Be $summary.Until.ToUnixTimeMilliseconds()
        @($ids | ForEach-Object { @{ instance_id = $_; update_time = '1'; tasks = @() } } | Test-ExternalInstance |
            Where-Object Reason -eq 'InstanceMissing') | Should -HaveCount 0
    }

    It 'is safe to run again: with the checkpoint nothing is checked, without it nothing is resynced' {
        $again = & $runbook -SourcePath $sourcePath -StatePath $statePath
        $again.Checked | Should -Be 0
        $again.Resynced | Should -Be 0

        $fresh = & $runbook -SourcePath $sourcePath -StatePath (Join-Path $TestDrive 'other-state.json')
        $fresh.Checked | Should -Be 3
        $fresh.OutOfSync | Should -Be 0
        $fresh.Resynced | Should -Be 0
    }

    It 'takes a script block source that receives the checkpoint' {
        # The runbook runs the block in its own scope, where its -SourcePath parameter (empty here) would shadow the
        # test's $sourcePath: the closure binds the test's variables when the block is made.
        $receivedBox = @{}
        $path = $sourcePath
        $source = { param($Since) $receivedBox.Since = $Since; Get-Content -Raw $path | ConvertFrom-Json }.GetNewClosure()
        $summary = & $runbook -StatePath $statePath -Source $source
        $receivedBox.Since | Should -BeOfType [DateTimeOffset]
        $summary.Since | Should -Be $receivedBox.Since
        $summary.Failed | Should -Be 0
    }

    It 'does not move the checkpoint under -WhatIf' {
        $before = Get-Content -Raw $statePath
        $summary = & $runbook -SourcePath $sourcePath -StatePath (Join-Path $TestDrive 'whatif-state.json') -WhatIf
        $summary.StateUpdated | Should -BeFalse
        Test-Path (Join-Path $TestDrive 'whatif-state.json') | Should -BeFalse
        Get-Content -Raw $statePath | Should -Be $before
    }
}

Describe '4. Clearing data: Clear-ExternalInstance' {
    BeforeAll {
        function Get-TasksOfSecondOrder {
            Get-ApprovalTask -UserId manager1 -UserIdType user_id -Topic Done | Where-Object InstanceId -eq 'PO-2025-002'
            Get-ApprovalTask -UserId finance1 -UserIdType user_id -Topic Todo | Where-Object InstanceId -eq 'PO-2025-002'
        }
    }

    It 'lists exactly what would be cleared under -WhatIf and sends nothing' {
        # "What if:" lines go to the host, not to a stream: a transcript is the one portable way to read them.
        $transcript = Join-Path $TestDrive 'whatif.txt'
        Start-Transcript -LiteralPath $transcript | Out-Null
        try {
            # Two tasks of PO-2025-002 (manager1's done one, finance1's todo one): one instance, so one "What if".
            $out = Get-TasksOfSecondOrder | Clear-ExternalInstance -WhatIf
        } finally {
            Stop-Transcript | Out-Null
        }
        $out | Should -BeNullOrEmpty
        $lines = @(Get-Content $transcript | Where-Object { $_ -match 'What if' })
        $lines | Should -HaveCount 1
        $lines[0] | Should -Match 'PO-2025-002'
        $lines[0] | Should -Match $approvalCode
        (Get-ApprovalTask -UserId finance1 -UserIdType user_id -Topic Todo).InstanceId | Should -Contain 'PO-2025-002'
    }

    It 'clears from Get-ApprovalTask output, one result per instance, and the tasks vanish' {
        Get-TasksOfSecondOrder | Should -HaveCount 2
        $results = @(Get-TasksOfSecondOrder | Clear-ExternalInstance -Force)
        $results | Should -HaveCount 1
        $results[0].InstanceId | Should -Be 'PO-2025-002'
        "$($results[0].Status)" | Should -Be 'Approved'
        $results[0].ProcessRecord.Task.Deleted | Should -Be 2
        (Get-ApprovalTask -UserId finance1 -UserIdType user_id -Topic Todo).InstanceId | Should -Not -Contain 'PO-2025-002'
        (Get-ApprovalTask -UserId manager1 -UserIdType user_id -Topic Done).InstanceId | Should -Not -Contain 'PO-2025-002'
        (Get-ApprovalTask -UserId buyer2 -UserIdType user_id -Topic Initiated).InstanceId | Should -Not -Contain 'PO-2025-002'
    }

    It 'clears by explicit codes and by CSV rows, and refuses a row without an instance id' {
        Clear-ExternalInstance -ApprovalCode $approvalCode -InstanceId PO-2025-003 -Confirm:$false |
            Select-Object -ExpandProperty InstanceId | Should -Be 'PO-2025-003'

        $csv = Join-Path $TestDrive 'clear.csv'
        "ApprovalCode,InstanceId`n$approvalCode,PO-2025-001`n$approvalCode," | Set-Content -LiteralPath $csv
        $run = Invoke-Collecting { Import-Csv $csv | Clear-ExternalInstance -Force }
        $run.Output.InstanceId | Should -Be 'PO-2025-001'
        $run.Errors | Should -HaveCount 1
        $run.Errors[0].FullyQualifiedErrorId | Should -Match '^ClearTargetInvalid'
        (Get-ApprovalTask -UserId manager1 -UserIdType user_id -Topic Todo).InstanceId | Should -Not -Contain 'PO-2025-001'
    }

    It 'is High impact and carries the irreversibility warning in its help' {
        $command = Get-Command Clear-ExternalInstance
        $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact |
            Should -Be 'High'
        Get-Content -Raw (Join-Path (Join-Path $RepositoryRoot 'docs') 'troubleshooting-sync.md') | Should -Match 'irreversible'
    }
}

Describe 'Set-/Get-ExternalApproval: approval definitions' {
    It 'previews with -WhatIf, creates a definition and syncs instances into the code Feishu answered' {
        $code = "pester-def-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
        Set-ExternalApproval -ApprovalCode $code -Name 'Pester purchase' -SupportPc -WhatIf | Should -BeNullOrEmpty
        @(Get-ExternalApproval $code 2>$null).Count | Should -Be 0

        $definition = Set-ExternalApproval -ApprovalCode $code -Name 'Pester purchase' -SupportPc -ActionCallbackToken (ConvertTo-SecureString 'pester-cb-secret' -AsPlainText -Force)
        $definition | Should -BeOfType ([ApprovalTools.Core.Approval.Definitions.ExternalApproval])
        $definition.RequestedCode | Should -Be $code
        ($definition | Out-String) | Should -Not -BeLike '*pester-cb-secret*'
        ($definition | Out-String) | Should -BeLike '*ApprovalCode*RequestedCode*Name*'

        $copy = $instances[0] | ConvertTo-Json -Depth 10 | ConvertFrom-Json
        $copy.instance_id = "def-$code"
        $copy.approval_code = $definition.ApprovalCode
        ($copy | Sync-ExternalInstance -Mode Update).ApprovalCode | Should -Be $definition.ApprovalCode
        ($definition | Get-ExternalApproval).Name | Should -Be 'Pester purchase'
    }

    It 'refuses a sync into a code no definition holds as one error naming approval_code, and takes it once Set-ExternalApproval created it' {
        $code = "pester-unknown-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
        $items = foreach ($n in 1..3) {
            $copy = $instances[0] | ConvertTo-Json -Depth 10 | ConvertFrom-Json
            $copy.instance_id = "unknown-$code-$n"
            $copy.approval_code = if ($n -eq 2) { $code } else { $approvalCode }
            $copy
        }
        $run = Invoke-Collecting { $items | Sync-ExternalInstance -Mode Update }
        $run.Output.InstanceId | Sort-Object | Should -Be @("unknown-$code-1", "unknown-$code-3")
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].TargetObject | Should -Be $items[1]
        $run.Errors[0].Exception.Message | Should -BeLike "*approval_code*$code*"
        $run.Errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'

        $definition = Set-ExternalApproval -ApprovalCode $code -Name 'Pester created late' -SupportPc
        @(Invoke-Collecting { $items[1] | Sync-ExternalInstance -Mode Update }).Errors.Count | Should -Be 1 -Because 'the code sent to Set-ExternalApproval is not the code Feishu answered'
        $items[1].approval_code = $definition.ApprovalCode
        ($items[1] | Sync-ExternalInstance -Mode Update).ApprovalCode | Should -Be $definition.ApprovalCode
        (Get-ExternalTask -InstanceId "unknown-$code-2").ApprovalCode | Should -Be $definition.ApprovalCode
    }

    It 'reads the definition the examples sync into, and names a code it cannot find' {
        (Get-ExternalApproval $approvalCode).Name | Should -Be 'Purchase order (examples)'
        $run = Invoke-Collecting { 'no-such-definition' | Get-ExternalApproval }
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].TargetObject | Should -Be 'no-such-definition'
    }

    It 'refuses a definition shown on neither desktop nor mobile before sending' {
        $run = Invoke-Collecting { Set-ExternalApproval -ApprovalCode pester-nowhere -Name 'Nowhere' }
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ExternalApprovalInvalid*'
        $run.Errors[0].Exception.Message | Should -BeLike '*support_pc*'
    }
}
