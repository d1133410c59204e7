#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Issue 11, as PowerShell sees it: pipeline objects give their task ids (never a type name or "@{Name=x}"),
# one bad item never stops the rest, and ids that would change a request path are refused by name.

BeforeAll {
    . $PSScriptRoot/Shared.ps1
    $null = Connect-TestSandbox All
    $script:batch = [ApprovalTools.Sandbox.Sandbox]::Shared.Batch
    $script:server = [ApprovalTools.Sandbox.Sandbox]::Shared.Server

    function New-TaskId([int] $Count) {
        $prefix = [guid]::NewGuid().ToString('N').Substring(0, 12)
        1..$Count | ForEach-Object { '{0}{1:D4}' -f $prefix, $_ }
    }

    # Every task id the sandbox received in _check and _submit bodies since $Since journal entries.
    function Get-SentTaskId([int] $Since) {
        $server.Journal | Select-Object -Skip $Since | Where-Object { $_.Path -like '/batch_approvals/*' -and $_.Method -eq 'POST' } |
            ForEach-Object { $_.BodyText | ConvertFrom-Json } | Sort-Object -Unique
    }
}

Describe 'Submit-BatchApproval and Test-BatchApproval read ids from pipeline objects' {
    It 'binds TaskId, task_id and Id of hashtables and pscustomobjects, and plain strings' {
        $ids = New-TaskId 5
        $before = $server.Journal.Count
        $batches = @{ TaskId = $ids[0] }, [pscustomobject]@{ task_id = $ids[1] }, @{ Id = $ids[2] }, $ids[3], [pscustomobject]@{ TaskId = $ids[4]; Note = 'x' } |
            Submit-BatchApproval -UserId u1
        @($batches).Count | Should -Be 1
        $batches.TaskIds | Should -Be $ids
        Get-SentTaskId $before | Should -Be ($ids | Sort-Object)
    }

    It 'reports an object without an id by name and never submits a type name or a formatted object' {
        $ids = New-TaskId 2
        $before = $server.Journal.Count
        $run = Invoke-Collecting { $ids[0], @{ Name = 'x' }, [pscustomobject]@{ Name = 'x' }, @{ TaskId = @{ TaskId = 'inner' } }, $ids[1] | Submit-BatchApproval -UserId u1 }
        $run.Output.TaskIds | Should -Be $ids
        $run.Errors.Count | Should -Be 3
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'BatchTaskIdMissing,*'
        $run.Errors[0].Exception.Message | Should -Match 'has no TaskId, task_id or Id'
        $run.Errors[0].TargetObject | Should -BeOfType [hashtable]
        $run.Errors[1].FullyQualifiedErrorId | Should -BeLike 'BatchTaskIdMissing,*'
        $run.Errors[2].FullyQualifiedErrorId | Should -BeLike 'BatchTaskIdInvalid,*'
        $sent = Get-SentTaskId $before
        $sent | Should -Be ($ids | Sort-Object)
        $sent | Should -Not -Contain 'System.Collections.Hashtable'
        $sent | Should -Not -Contain '@{Name=x}'
    }

    It 'Import-Csv tasks.csv | Submit-BatchApproval -UserId u1 submits the TaskId column' {
        $ids = New-TaskId 3
        $csv = Join-Path $TestDrive 'tasks.csv'
        $ids | ForEach-Object { [pscustomobject]@{ TaskId = $_; Title = "title of $_" } } | Export-Csv $csv -NoTypeInformation
        $batches = Import-Csv $csv | Submit-BatchApproval -UserId u1
        $batches.TaskIds | Should -Be $ids
    }

    It 'Test-BatchApproval takes the same objects' {
        $ids = New-TaskId 2
        $run = Invoke-Collecting { @{ TaskId = $ids[0] }, [pscustomobject]@{ Name = 'x' }, [pscustomobject]@{ Id = $ids[1] } | Test-BatchApproval -UserId u1 }
        $run.Output.TaskId | Should -Be $ids
        $run.Errors.FullyQualifiedErrorId | Should -BeLike 'BatchTaskIdMissing,*'
    }

    It 'warns once about dropped duplicates with their count' {
        $ids = New-TaskId 2
        $batches = $ids[0], $ids[1], $ids[0], $ids[0] | Submit-BatchApproval -UserId u1 -WarningVariable warnings -WarningAction SilentlyContinue
        $batches.TaskIds | Should -Be $ids
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -Be "2 duplicate task id(s) were dropped, each task is handled once: $($ids[0])"
    }
}

Describe 'One bad item never stops the pipeline' {
    It 'Sync-ExternalInstance reports a 16-digit update_time by name and syncs the items around it' {
        $now = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
        $code = New-TestApprovalCode 'Pester input safety'
        $items = foreach ($n in 1..5) {
            $id = "pester-bad-time-$now-$n"
            @{
                ApprovalCode = $code; InstanceId = $id; Status = 'Pending'; Links = @{ PcLink = "https://erp.example.com/$id" }; UserId = 'u1'
                StartTime = $now; EndTime = 0; UpdateTime = if ($n -eq 3) { '1735700400000000' } else { $now }
                I18nResources = @(@{ Locale = 'zh-CN'; IsDefault = $true; Texts = @{ '@i18n@t' = 't' } })
            }
        }
        $run = Invoke-Collecting { $items | Sync-ExternalInstance }
        $run.Output.Count | Should -Be 4
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ExternalInstanceInvalid,*'
        $run.Errors[0].Exception.Message | Should -Match 'update_time: must be Unix milliseconds'
        $run.Errors[0].TargetObject.InstanceId | Should -Be $items[2].InstanceId
    }
}

Describe 'Ids that would change a request path' {
    It 'Invoke-NodeOperation refuses -<Name> <Value> by name and sends nothing' -ForEach @(
        @{ Name = 'ProjectKey'; Value = '..' }, @{ Name = 'WorkItemTypeKey'; Value = '.' }, @{ Name = 'NodeId'; Value = '..' }, @{ Name = 'NodeId'; Value = 'a/b' }
    ) {
        $before = @($server.Journal | Where-Object { $_.Path -like '*/node/*' }).Count
        $parameters = @{ ProjectKey = 'demo'; WorkItemTypeKey = 'story'; WorkItemId = '543'; NodeId = 'n1'; Action = 'Confirm' }
        $parameters[$Name] = $Value
        $run = Invoke-Collecting { Invoke-NodeOperation @parameters -Confirm:$false }
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'PathValueInvalid,*'
        $run.Errors[0].Exception.Message | Should -Match "-$Name "
        @($server.Journal | Where-Object { $_.Path -like '*/node/*' }).Count | Should -Be $before
    }
}
