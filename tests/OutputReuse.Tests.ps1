#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Output that is reused: times shown in local time by the views (the objects keep DateTimeOffset), lists that
# Export-Csv writes as text, and InputIndex for results that come in completion order.

BeforeAll {
    . $PSScriptRoot/Shared.ps1
    $script:feishu = Connect-Feishu -Sandbox
    $script:batch = Connect-BatchApproval -Sandbox
    $script:now = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
    $script:code = New-TestApprovalCode 'Pester reuse'
    function New-Item2([string] $Id) {
        @{ approval_code = $code; instance_id = $Id; status = 'PENDING'; links = @{ pc_link = "https://erp.example.com/pc/$Id" }
           title = 't'; user_id = 'buyer1'; start_time = "$now"; end_time = '0'; update_time = "$now"
           i18n_resources = @(@{ locale = 'zh-CN'; is_default = $true; texts = @(@{ key = 't'; value = 'v' }) }) }
    }
}

Describe 'InputIndex' {
    It 'gives each result the position of its input item, whatever order the results come in' {
        $ids = 0..11 | ForEach-Object { "reuse-$now-$_" }
        $results = $ids | ForEach-Object { New-Item2 $_ } | Sync-ExternalInstance -ThrottleLimit 4 -Connection $feishu
        $results | Should -HaveCount 12
        foreach ($result in $results) { $ids[$result.InputIndex] | Should -Be $result.InstanceId }
        ($results | Sort-Object InputIndex).InstanceId | Should -Be $ids
    }

    It 'counts items that failed too, so later positions stay right' {
        $items = (New-Item2 "reuse-a-$now"), @{ instance_id = 'broken' }, (New-Item2 "reuse-b-$now")
        $results = $items | Sync-ExternalInstance -Connection $feishu -ErrorAction SilentlyContinue
        ($results | Sort-Object InputIndex).InputIndex | Should -Be @(0, 2)
    }
}

Describe 'Lists in Export-Csv' {
    It 'writes the task ids of a batch joined with ;' {
        $submitted = Submit-BatchApproval -UserId u-csv -TaskId "csv-$now-1", "csv-$now-2" -Connection $batch
        $csv = $submitted | ConvertTo-Csv | ConvertFrom-Csv
        $csv.TaskIds | Should -Be "csv-$now-1;csv-$now-2"
        $submitted.TaskIds | Should -HaveCount 2                  # still a list in PowerShell
        $submitted.TaskIds[1] | Should -Be "csv-$now-2"
    }
}

Describe 'Times in the views' -Skip:($IsWindows -or -not (Test-Path /usr/share/zoneinfo/Asia/Shanghai)) {
    It 'shows DateTimeOffset values in the local time zone (UTC+8 here) and keeps UTC in the object' {
        $child = Get-ChildPwsh
        $pwsh = $child.Path; $prefix = $child.Arguments
        $probe = @'
Import-Module '{0}'
Connect-Feishu -Sandbox | Out-Null
$code = (Set-ExternalApproval -ApprovalCode pester-tz -Name 'Pester time zone' -SupportPc).ApprovalCode
$item = @{ approval_code = $code; instance_id = 'tz-1'; status = 'PENDING'; links = @{ pc_link = 'https://e/1' }; title = 't'
           user_id = 'b'; start_time = '1735689600000'; end_time = '0'; update_time = '1735689600000'
           i18n_resources = @(@{ locale = 'zh-CN'; is_default = $true; texts = @(@{ key = 't'; value = 'v' }) }) }
$result = $item | Sync-ExternalInstance
"object: $($result.UpdateTime.Offset)"
$result | Format-Table | Out-String -Width 200
'@
        $saved = $env:TZ
        try {
            $env:TZ = 'Asia/Shanghai'
            $output = (& $pwsh @prefix -NoProfile -NonInteractive -Command $probe.Replace('{0}', $StagedManifest) 2>&1) -join "`n"
        } finally { $env:TZ = $saved }
        $output | Should -Match 'object: 00:00:00'
        # 2025-01-01 00:00 UTC is 08:00 in UTC+8.
        $output | Should -Match '08:00:00 \+08:00'
    }
}
