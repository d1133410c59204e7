#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The docs/batch-approval.md examples against the module's embedded sandbox (Connect-BatchApproval -Sandbox).
# Sandbox conventions: a task id containing 'unsupported' fails the support check; one containing 'closed'
# or 'deleted' fails while the batch is processed. Ids are made unique per test because the sandbox, like a
# real server, fails a task that an earlier batch already approved.

BeforeAll {
    Import-Module "$PSScriptRoot/../out/ApprovalTools/ApprovalTools.psd1" -Force
    $script:connection = Connect-BatchApproval -Sandbox
    $script:sandbox = [ApprovalTools.Sandbox.Sandbox]::Shared.Batch

    function New-TaskId([int] $Count) {
        $prefix = [guid]::NewGuid().ToString('N').Substring(0, 12)
        1..$Count | ForEach-Object { '{0}{1:D4}' -f $prefix, $_ }
    }
}

Describe 'Connect-BatchApproval' {
    It 'returns a sandbox connection that shows no secret' {
        $connection.IsSandbox | Should -BeTrue
        $connection.Authentication | Should -Be 'Bearer'
        $token = [ApprovalTools.Sandbox.Sandbox]::Shared.Settings.BatchToken
        ($connection | Format-List * | Out-String) | Should -Not -Match $token
        $connection.ToString() | Should -Not -Match $token
    }

    It 'refuses a base URI that is not absolute http(s)' {
        { Connect-BatchApproval -BaseUri 'approval.example.com' } | Should -Throw -ErrorId 'InvalidConnectionParameter,ApprovalTools.Commands.ConnectBatchApprovalCommand'
        { Connect-BatchApproval -BaseUri 'ftp://approval.example.com' } | Should -Throw -ErrorId 'InvalidConnectionParameter,ApprovalTools.Commands.ConnectBatchApprovalCommand'
    }

    It 'takes a token as SecureString and custom headers without showing them' {
        $token = ConvertTo-SecureString 'example-token-value' -AsPlainText -Force
        $other = Connect-BatchApproval -BaseUri 'https://approval.example.com/open' -Header @{ 'X-Api-Key' = 'example-key-value' }
        $other.BaseUri | Should -Be 'https://approval.example.com/open/'
        $other.HeaderNames | Should -Be @('X-Api-Key')
        ($other | Format-List * | Out-String) | Should -Not -Match 'example-key-value'
        (Connect-BatchApproval -BaseUri 'https://approval.example.com' -Token $token).Authentication | Should -Be 'Bearer'
        # Connect-* sets the default connection: go back to the sandbox for the rest.
        $script:connection = Connect-BatchApproval -Sandbox
    }
}

Describe 'Submit-BatchApproval' {
    It 'Import-Csv tasks.csv | Submit-BatchApproval -UserId u -Wait accounts for every task' {
        $ids = New-TaskId 450
        $ids[3] = $ids[3] + '-unsupported'
        $ids[10] = $ids[10] + '-closed'
        $ids | ForEach-Object { [pscustomobject]@{ task_id = $_; title = "task $_" } } |
            Export-Csv -Path TestDrive:/tasks.csv -NoTypeInformation

        $batches = Import-Csv TestDrive:/tasks.csv |
            Submit-BatchApproval -UserId u -Wait -PollInterval 0.1 -ErrorVariable problems -ErrorAction SilentlyContinue

        $batches.Count | Should -Be 3                                     # 449 supported: 200 + 200 + 49
        $batches | ForEach-Object { $_.TaskIds.Count | Should -BeLessOrEqual 200 }
        ($batches | Measure-Object -Property Total -Sum).Sum | Should -Be 449
        $batches.State | Should -Not -Contain 'Running'
        $problems.Count | Should -Be 2
        $unsupported = $problems | Where-Object FullyQualifiedErrorId -like 'BatchTaskUnsupported*'
        $failed = $problems | Where-Object FullyQualifiedErrorId -like 'BatchTaskFailed*'
        $unsupported.TargetObject | Should -Be $ids[3]
        $failed.TargetObject | Should -Be $ids[10]
        $failed.ErrorDetails.Message | Should -Match 'closed or deleted'
        ($batches | Where-Object State -eq 'CompletedWithFailures').FailedTasks | Should -Be @($ids[10])
    }

    It 'without -Wait returns once submitted; the batches can be followed afterwards' {
        $batches = New-TaskId 250 | Submit-BatchApproval -UserId u
        $batches.Count | Should -Be 2
        $batches.State | Should -Be @('Submitted', 'Submitted')

        $done = $batches | Get-BatchApprovalProgress -Wait -PollInterval 0.1
        $done.State | Should -Be @('Completed', 'Completed')
        ($done | Measure-Object -Property Processed -Sum).Sum | Should -Be 250
    }

    It 'submits each task once even when it is given twice' {
        $ids = New-TaskId 3
        $batch = Submit-BatchApproval -UserId u -TaskId ($ids + $ids[0]) -Verbose 4>&1 |
            Tee-Object -Variable all | Where-Object { $_ -is [ApprovalTools.Core.BatchApproval.ApprovalBatch] }
        $batch.TaskIds | Should -Be $ids
        ($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match 'appears again' }).Count | Should -Be 1
    }

    It 'reports an empty task id and goes on with the rest' {
        $ids = New-TaskId 2
        $batch = Submit-BatchApproval -UserId u -TaskId $ids[0], '', $ids[1] -ErrorVariable problems -ErrorAction SilentlyContinue
        $batch.TaskIds | Should -Be $ids
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'BatchTaskIdEmpty*'
    }

    It '-WhatIf checks but submits nothing' {
        $before = $sandbox.Batches.Count
        $result = Submit-BatchApproval -UserId u -TaskId (New-TaskId 5) -WhatIf
        $result | Should -BeNullOrEmpty
        $sandbox.Batches.Count | Should -Be $before
    }
}

Describe 'Get-BatchApprovalProgress' {
    It 'follows a batch by user id and batch number, e.g. from an earlier session' {
        $submitted = Submit-BatchApproval -UserId u -TaskId (New-TaskId 5)
        $saved = $submitted | Select-Object UserId, BatchNumber | ConvertTo-Csv -NoTypeInformation

        $done = $saved | ConvertFrom-Csv | Get-BatchApprovalProgress -Wait -PollInterval 0.1
        $done.BatchNumber | Should -Be $submitted.BatchNumber
        $done.State | Should -Be 'Completed'
        $done.Processed | Should -Be 5

        $again = Get-BatchApprovalProgress -UserId u -BatchNumber $submitted.BatchNumber
        $again.Total | Should -Be 5
    }

    It 'refuses the batch of another user' {
        $submitted = Submit-BatchApproval -UserId u -TaskId (New-TaskId 1)
        Get-BatchApprovalProgress -UserId someone-else -BatchNumber $submitted.BatchNumber -ErrorVariable problems -ErrorAction SilentlyContinue |
            Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'BatchPermissionDenied*'
        $problems[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
    }
}

Describe 'Test-BatchApproval' {
    It 'answers one object per task id with Supported and Reason' {
        $ids = New-TaskId 2
        $results = Test-BatchApproval -UserId u -TaskId $ids[0], "$($ids[1])-unsupported"
        $results.Count | Should -Be 2
        $results[0].Supported | Should -BeTrue
        $results[1].Supported | Should -BeFalse
        $results[1].Reason | Should -Not -BeNullOrEmpty
        $sandbox.Batches.TaskIds | Should -Not -Contain $ids[0]
    }
}
