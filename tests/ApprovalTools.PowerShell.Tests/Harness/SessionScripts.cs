namespace ApprovalTools.PowerShell.Tests.Harness;

/// <summary>PowerShell helpers the tests define in their runspace (plain script: what a user could type).</summary>
public static class SessionScripts
{
    /// <summary>
    /// <c>New-TestInstance -Id x [-UpdateTime ms] [-Tasks n]</c>: a valid instance as a hashtable, tasks for manager1;
    /// <c>Start-PrivateSandbox</c>: a sandbox of this test's own on a free port, with all three services connected
    /// to it through the tenant parameter sets (not -Sandbox), stored in $sandbox, $feishu, $batch, $project; it holds
    /// the definitions the tests sync into, as if created in the developer console.
    /// </summary>
    public const string Helpers = """
        function New-TestInstance {
            param([string] $Id, [long] $UpdateTime = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds(), [int] $Tasks = 1,
                  [string] $User = 'manager1', [string] $ApprovalCode = 'PS-TESTS')
            @{
                approval_code = $ApprovalCode; instance_id = $Id; status = 'PENDING'
                links = @{ pc_link = "https://erp.example.com/pc/$Id" }; title = "title of $Id"
                user_id = 'buyer1'; start_time = "$UpdateTime"; end_time = '0'; update_time = "$UpdateTime"
                task_list = @(1..$Tasks | Where-Object { $_ -gt 0 } | ForEach-Object {
                    @{ task_id = "$Id-T$_"; user_id = $User; status = 'PENDING'; links = @{ pc_link = "https://erp.example.com/t/$Id/$_" }
                       create_time = "$UpdateTime"; end_time = '0'; update_time = "$UpdateTime" } })
                i18n_resources = @(@{ locale = 'zh-CN'; is_default = $true; texts = @(@{ key = 'k'; value = 'v' }) })
            }
        }

        function Start-PrivateSandbox {
            # The module loads its sandbox assembly on first use of -Sandbox; a script that starts one loads it itself.
            Add-Type -Path (Join-Path (Get-Module ApprovalTools).ModuleBase 'ApprovalTools.Sandbox.dll')
            $settings = [ApprovalTools.Sandbox.SandboxSettings]::new()
            foreach ($code in 'PS-TESTS', 'PS-CONFIRM', 'PS-STOP', 'PS-TENANT', 'PS-CLEAR', 'PS-ERR') { $settings.ApprovalDefinitions.Add($code) }
            $global:sandbox = [ApprovalTools.Sandbox.Sandbox]::Start($settings)
            $global:sandbox.Project.SeedDemo()
            $appSecret = ConvertTo-SecureString 'sandbox-app-secret' -AsPlainText -Force
            $pluginSecret = ConvertTo-SecureString 'sandbox-plugin-secret' -AsPlainText -Force
            $global:feishu = Connect-Feishu -AppId cli_pstest -AppSecret $appSecret -BaseUri $global:sandbox.BaseUri
            $global:batch = Connect-BatchApproval -BaseUri $global:sandbox.BaseUri.ToString()
            $global:project = Connect-FeishuProject -PluginId MII_PSTEST -PluginSecret $pluginSecret -UserKey u-ps -BaseUri $global:sandbox.BaseUri
        }
        """;
}
