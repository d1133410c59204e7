#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The docs/feishu-approval.md examples against the embedded sandbox (Connect-Feishu -Sandbox).

BeforeAll {
    Import-Module "$PSScriptRoot/../out/ApprovalTools/ApprovalTools.psd1" -Force
    $script:connection = Connect-Feishu -Sandbox
    $script:examples = Get-Content -Raw "$PSScriptRoot/../examples/instances.json" | ConvertFrom-Json
    $script:now = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
    # Instances sync only into a definition's code: the one Set-ExternalApproval answers.
    $script:approvalCode = (Set-ExternalApproval -ApprovalCode pester-approval -Name 'Pester approval' -SupportPc).ApprovalCode

    function New-TestInstance([string] $Id, [long] $UpdateTime, [string] $TaskStatus = 'Pending') {
        @{
            ApprovalCode = $approvalCode; InstanceId = $Id; Status = 'Pending'
            Links = @{ PcLink = "https://erp.example.com/pc/$Id" }; Title = '@i18n@title'; UserId = 'buyer1'
            StartTime = $UpdateTime; EndTime = 0; UpdateTime = $UpdateTime
            Tasks = @(@{ TaskId = "$Id-T1"; UserId = 'manager1'; Status = $TaskStatus; Links = @{ PcLink = "https://erp.example.com/t/$Id" }
                         CreateTime = $UpdateTime; EndTime = 0; UpdateTime = $UpdateTime })
            I18nResources = @(@{ Locale = 'zh-CN'; IsDefault = $true; Texts = @{ '@i18n@title' = '采购申请' } })
        }
    }
}

Describe 'Connect-Feishu' {
    It 'returns a sandbox connection without any secret in it' {
        $connection.IsSandbox | Should -BeTrue
        $connection.BaseUri.Host | Should -Be '127.0.0.1'
        ($connection | Get-Member -MemberType Property).Name | Should -Not -Contain 'AppSecret'
        "$connection" | Should -Match 'sandbox'
    }

    It 'stops with an authentication error for a wrong secret, without the secret in the text' {
        $secret = ConvertTo-SecureString 'definitely-wrong-secret' -AsPlainText -Force
        $err = { Connect-Feishu -AppId cli_x -AppSecret $secret -BaseUri $connection.BaseUri } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Match '^CredentialsRejected'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        "$err" | Should -Not -Match 'definitely-wrong-secret'
    }

    It 'says how to connect when no credentials are given' {
        $env:FEISHU_APP_ID = $null; $env:FEISHU_APP_SECRET = $null
        { Connect-Feishu } | Should -Throw -ErrorId 'CredentialsMissing*'
    }
}

Describe 'Sync-ExternalInstance' {
    It 'syncs the example file, one result per instance' {
        $results = $examples | Sync-ExternalInstance
        $results | Should -HaveCount 3
        $results.InstanceId | Sort-Object | Should -Be @('PO-2025-001', 'PO-2025-002', 'PO-2025-003')
        $results | ForEach-Object { $_.Mode | Should -Be 'Update' }
        $second = $results | Where-Object InstanceId -eq 'PO-2025-002'
        $second.TaskCount | Should -Be 2
        $second.CcCount | Should -Be 1
        $second.ProcessRecord | Should -Not -BeNullOrEmpty      # the sandbox always reports insert/update/delete counts
    }

    It 'accepts hashtables with PowerShell names' {
        $result = New-TestInstance -Id "ht-$now" -UpdateTime $now | Sync-ExternalInstance
        $result.InstanceId | Should -Be "ht-$now"
        $result.Echo.TaskList[0].TaskId | Should -Be "ht-$now-T1"
    }

    It 'writes one error naming the field for an invalid item and goes on with the rest' {
        $bad = New-TestInstance -Id "bad-$now" -UpdateTime $now
        $bad.Remove('I18nResources')
        $good = New-TestInstance -Id "good-$now" -UpdateTime $now
        $results = $bad, $good | Sync-ExternalInstance -ErrorVariable errs -ErrorAction SilentlyContinue
        $results.InstanceId | Should -Be "good-$now"
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -Match '^ExternalInstanceInvalid'
        $errs[0].ErrorDetails.Message | Should -Match 'i18n_resources: required'
        $errs[0].TargetObject | Should -Be $bad
    }

    It 'flags an UPDATE that repeats an update_time within one run' {
        $a = New-TestInstance -Id "rep-$now" -UpdateTime $now
        $b = New-TestInstance -Id "rep-$now" -UpdateTime $now -TaskStatus Approved
        $results = $a, $b | Sync-ExternalInstance -ErrorVariable errs -ErrorAction SilentlyContinue
        $results | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -Match '^UpdateTimeNotIncreasing'
    }

    It 'sends nothing under -WhatIf' {
        $id = "whatif-$now"
        New-TestInstance -Id $id -UpdateTime $now | Sync-ExternalInstance -WhatIf | Should -BeNullOrEmpty
        @{ instance_id = $id; update_time = "$now"; tasks = @() } | Test-ExternalInstance |
            Select-Object -ExpandProperty Reason | Should -Be 'InstanceMissing'
    }

    It 'replaces without asking under -Force and deletes tasks absent from the request' {
        $id = "replace-$now"
        New-TestInstance -Id $id -UpdateTime $now | Sync-ExternalInstance | Out-Null
        $replacement = New-TestInstance -Id $id -UpdateTime ($now + 1)
        $replacement.Tasks[0].TaskId = "$id-T2"
        $result = $replacement | Sync-ExternalInstance -Mode Replace -Force
        $result.ProcessRecord.Task.Deleted | Should -Be 1
        $result.ProcessRecord.Task.Inserted | Should -Be 1
    }
}

Describe 'Test-ExternalInstance' {
    It 'finds nothing to do for instances in sync' {
        $examples | Sync-ExternalInstance | Out-Null
        $examples | Test-ExternalInstance | Should -BeNullOrEmpty
    }

    It 'reports a changed task and the pipe into Sync-ExternalInstance resyncs exactly it' {
        $id = "pipe-$now"
        New-TestInstance -Id $id -UpdateTime $now | Sync-ExternalInstance | Out-Null
        $changed = New-TestInstance -Id $id -UpdateTime ($now + 10) -TaskStatus Approved
        $changed.Tasks[0].UpdateTime = $now + 10

        $diff = $changed | Test-ExternalInstance
        $diff.Reason | Should -Be 'TaskStale'
        $diff.Tasks[0].TaskId | Should -Be "$id-T1"

        $results = $changed, $examples[0] | Test-ExternalInstance | Sync-ExternalInstance -Mode Update
        $results | Should -HaveCount 1
        $results.InstanceId | Should -Be $id
        $changed | Test-ExternalInstance | Should -BeNullOrEmpty
    }

    It 'tests id-only records, whose diffs Sync refuses with a clear error' {
        $record = @{ instance_id = "ghost-$now"; update_time = "$now"; tasks = @() }
        $diff = $record | Test-ExternalInstance
        $diff.Reason | Should -Be 'InstanceMissing'
        $diff.CanResync | Should -BeFalse
        $diff | Sync-ExternalInstance -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -Match '^ExternalInstanceDiffNotResyncable'
    }
}
