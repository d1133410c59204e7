#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Output that is reused: times shown in local time by the views (the objects keep DateTimeOffset), lists that
# Export-Csv writes as text, InputIndex for results that come in completion order, and a sync result's echo (read from
# the answer when first asked for) in Format-List and ConvertTo-Json.

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

Describe 'The echo in a sync result' {
    BeforeAll {
        # A server that accepts every sync and echoes what the test sets: the sandbox echoes only what it was sent.
        $sandboxDll = Join-Path (Get-Module ApprovalTools).ModuleBase 'ApprovalTools.Sandbox.dll'
        Add-Type -Path $sandboxDll
        if (-not ('PesterEchoService' -as [type])) {
            Add-Type -ReferencedAssemblies $sandboxDll, netstandard -TypeDefinition @'
using ApprovalTools.Sandbox.Hosting;
public sealed class PesterEchoService : ISandboxService
{
    public string Echo = "null";
    public string Name => "approval";
    public bool Handles(SandboxRequest request) => request.Path.StartsWith("/open-apis/");
    public SandboxResponse Handle(SandboxRequest request) => request.Path.EndsWith("/internal")
        ? SandboxResponse.Text(200, "{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"t-pester-echo\",\"expire\":7200}")
        : SandboxResponse.Text(200, "{\"code\":0,\"msg\":\"success\",\"data\":{\"data\":" + Echo + "}}");
    public SandboxResponse TransientError(SandboxRequest request) => Handle(request);
    public SandboxResponse RateLimited(SandboxRequest request) => Handle(request);
}
'@
        }
        $script:echoService = [PesterEchoService]::new()
        $script:echoServer = [ApprovalTools.Sandbox.Hosting.SandboxServer]::Start(0, [ApprovalTools.Sandbox.Hosting.ISandboxService[]]@($echoService))
    }
    AfterAll {
        $echoServer.Dispose()
        $script:feishu = Connect-Feishu -Sandbox    # a Connect-Feishu closes the default connection it replaces
    }

    It 'shows what the server echoed in Format-List * and ConvertTo-Json' {
        $result = New-Item2 "echo-$now" | Sync-ExternalInstance -Connection $feishu
        ($result | Format-List * | Out-String) | Should -Match "Echo\s+: echo-$now \("
        $json = $result | ConvertTo-Json -Depth 4 | ConvertFrom-Json
        $json.Echo.InstanceId | Should -Be "echo-$now"
        $json.EchoError | Should -BeNullOrEmpty
    }

    It 'leaves an echo it cannot read out, says why, and does not throw when the result is shown' {
        $echoService.Echo = '{"approval_code":"A","instance_id":"echo-future","status":"ARCHIVED_IN_2030"}'
        $item = New-Item2 'echo-future'
        $item.status = 'REJECTED'; $item.end_time = "$now"
        $echoConnection = Connect-Feishu -AppId cli_echo -AppSecret (ConvertTo-SecureString 'echo-secret' -AsPlainText -Force) -BaseUri $echoServer.BaseUri
        $output = $item | Sync-ExternalInstance -Connection $echoConnection -Verbose 4>&1
        $result = $output | Where-Object { $_ -is [ApprovalTools.Core.Approval.Operations.SyncResult] }
        $result.Status | Should -Be 'Rejected'                   # the status sent, since the echoed one is unknown
        $result.Echo | Should -BeNullOrEmpty
        $result.EchoError | Should -Match ([regex]::Escape('$.data.data.status'))
        ($result | Format-List * | Out-String) | Should -Match 'EchoError\s+: The JSON value could not be converted'
        ($result | ConvertTo-Json -Depth 4 | ConvertFrom-Json).Echo | Should -BeNullOrEmpty
        @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match 'echo could not be read' }) | Should -HaveCount 1
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
