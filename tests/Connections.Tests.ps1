#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# One connection pattern for the three services: show, replace, drop, say which tenant, read the environment.

BeforeAll {
    . $PSScriptRoot/Shared.ps1

    function Get-WhatIfText([scriptblock] $Script) {
        # -WhatIf lines go to the host, not to a stream: a transcript records them.
        $log = Join-Path $TestDrive ("whatif-{0}.txt" -f [guid]::NewGuid())
        Start-Transcript -Path $log -UseMinimalHeader | Out-Null
        try { & $Script | Out-Null } finally { Stop-Transcript | Out-Null }
        Get-Content -Raw $log
    }

    $script:services = @(
        @{ Service = 'Feishu'; Get = 'Get-FeishuConnection'; Disconnect = 'Disconnect-Feishu'; Use = { Test-ExternalInstance -InputObject @{ instance_id = 'x'; update_time = '1' } } }
        @{ Service = 'BatchApproval'; Get = 'Get-BatchApprovalConnection'; Disconnect = 'Disconnect-BatchApproval'; Use = { Test-BatchApproval -UserId u1 -TaskId t1 } }
        @{ Service = 'FeishuProject'; Get = 'Get-FeishuProjectConnection'; Disconnect = 'Disconnect-FeishuProject'; Use = { Invoke-NodeOperation -ProjectKey demo -WorkItemTypeKey story -WorkItemId 1001 -NodeId start -Action Confirm -WhatIf } }
    )
}

Describe 'Get-*Connection and Disconnect-*' {
    It '<Service>: shows the current connection, a new Connect closes the one it replaces, Disconnect drops it' -ForEach @(
        @{ Service = 'Feishu' }, @{ Service = 'BatchApproval' }, @{ Service = 'FeishuProject' }
    ) {
        $s = $services | Where-Object { $_.Service -eq $Service }
        $first = & "Connect-$Service" -Sandbox
        (& $s.Get) | Should -Be $first
        $first.ConnectedAt | Should -BeOfType [DateTimeOffset]
        $first.Tenant | Should -BeLike '*(sandbox)'

        $second = & "Connect-$Service" -Sandbox
        (& $s.Get) | Should -Be $second
        $first.IsOpen | Should -BeFalse
        $second.IsOpen | Should -BeTrue

        & $s.Disconnect
        $second.IsOpen | Should -BeFalse
        & $s.Get | Should -BeNullOrEmpty
        { & $s.Use } | Should -Throw -ErrorId "NotConnected,*"
        { & $s.Disconnect } | Should -Not -Throw
    }

    It 'a closed connection given with -Connection ends the command with ConnectionClosed' {
        $closed = Connect-Feishu -Sandbox
        Connect-Feishu -Sandbox | Out-Null
        $err = { Test-ExternalInstance -InputObject @{ instance_id = 'x'; update_time = '1' } -Connection $closed } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ConnectionClosed,*'
        "$($err.CategoryInfo.Category)" | Should -Be 'InvalidOperation'
    }

    It 'Disconnect -Connection closes that connection only, and -PassThru writes it' {
        $old = Connect-BatchApproval -BaseUri http://127.0.0.1:1/old
        $current = Connect-BatchApproval -Sandbox
        $old | Disconnect-BatchApproval
        Get-BatchApprovalConnection | Should -Be $current
        $current.IsOpen | Should -BeTrue

        ($current | Disconnect-BatchApproval -PassThru) | Should -Be $current
        $current.IsOpen | Should -BeFalse
        Get-BatchApprovalConnection | Should -BeNullOrEmpty
    }

    It 'connection objects show only user-facing properties, one connect time name across services' {
        $names = foreach ($service in 'Feishu', 'BatchApproval', 'FeishuProject') {
            $connection = & "Connect-$service" -Sandbox
            $props = $connection.PSObject.Properties.Name
            $props | Should -Not -Contain 'Settings'
            $props | Should -Not -Contain 'Client'
            $props | Should -Not -Contain 'Transport'
            $props | Should -Contain 'ConnectedAt'
            $props | Should -Not -Contain 'CreatedAt'
            $props
        }
        $names | Where-Object { $_ -like '*Secret*' -or $_ -like '*Token*' } | Should -BeNullOrEmpty
    }
}

Describe 'Every state-changing cmdlet names the tenant in -WhatIf and confirmation prompts' {
    It 'Sync-ExternalInstance -WhatIf names the Feishu app and "sandbox"' {
        Connect-Feishu -Sandbox -AppId cli_whatif | Out-Null
        $instance = Get-Content -Raw (Join-Path $RepositoryRoot 'examples/instances.json') | ConvertFrom-Json | Select-Object -First 1
        $text = Get-WhatIfText { $instance | Sync-ExternalInstance -WhatIf }
        $text | Should -Match "external instance '$($instance.instance_id)' .* on Feishu app cli_whatif at 127\.0\.0\.1:\d+ \(sandbox\)"
    }

    It 'Clear-ExternalInstance -WhatIf names the Feishu app' {
        Connect-Feishu -Sandbox -AppId cli_clear | Out-Null
        $text = Get-WhatIfText { Clear-ExternalInstance -ApprovalCode A -InstanceId I -WhatIf }
        $text | Should -Match 'on Feishu app cli_clear at 127\.0\.0\.1:\d+ \(sandbox\)'
    }

    It 'Clear-ExternalInstance -Force says which tenant it cleared on in its verbose line' {
        Connect-Feishu -Sandbox -AppId cli_force | Out-Null
        $verbose = Clear-ExternalInstance -ApprovalCode A -InstanceId never-synced -Force -Verbose 4>&1 2>$null |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like '*-Force*' }
        $verbose.Message | Should -Match 'on Feishu app cli_force at .* \(sandbox\)'
    }

    It 'Submit-BatchApproval -WhatIf names the batch approval server' {
        $c = Connect-BatchApproval -Sandbox
        $text = Get-WhatIfText { Submit-BatchApproval -UserId u1 -TaskId t1 -WhatIf }
        $text | Should -Match ([regex]::Escape("on batch approval server $($c.BaseUri) (sandbox)"))
    }

    It 'Invoke-NodeOperation -WhatIf names the plugin, the user and the host' {
        Connect-FeishuProject -Sandbox -UserKey 7136000000000000676 | Out-Null
        $text = Get-WhatIfText { Invoke-NodeOperation -ProjectKey demo -WorkItemTypeKey story -WorkItemId 1001 -NodeId start -Action Confirm -WhatIf }
        $text | Should -Match 'on Feishu Project plugin sandbox-plugin as user 7136000000000000676 at 127\.0\.0\.1:\d+ \(sandbox\)'
    }
}

Describe 'Connect-* read the environment and fail the same way' {
    BeforeEach {
        $script:savedEnv = @{}
        foreach ($name in 'BATCH_APPROVAL_BASE_URI', 'BATCH_APPROVAL_TOKEN', 'FEISHU_APP_ID', 'FEISHU_APP_SECRET', 'FEISHU_REGION', 'FEISHU_BASE_URI',
            'FEISHU_PROJECT_PLUGIN_ID', 'FEISHU_PROJECT_PLUGIN_SECRET', 'FEISHU_PROJECT_USER_KEY', 'FEISHU_PROJECT_BASE_URI') {
            $savedEnv[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $null)
        }
    }
    AfterEach {
        foreach ($entry in $savedEnv.GetEnumerator()) { [Environment]::SetEnvironmentVariable($entry.Key, $entry.Value) }
    }

    It 'Connect-BatchApproval takes its base URI and token from BATCH_APPROVAL_BASE_URI and BATCH_APPROVAL_TOKEN' {
        $sandbox = [ApprovalTools.Sandbox.Sandbox]::Shared
        $env:BATCH_APPROVAL_BASE_URI = "$($sandbox.BaseUri)"
        $env:BATCH_APPROVAL_TOKEN = $sandbox.Settings.BatchToken
        $c = Connect-BatchApproval
        $c.BaseUri | Should -Be $sandbox.BaseUri
        $c.Authentication | Should -Be 'Bearer'
        (Test-BatchApproval -UserId u1 -TaskId t-ok).Supported | Should -BeTrue
    }

    It 'Connect-BatchApproval without a base URI anywhere ends with InvalidConnectionParameter naming the variable' {
        $err = { Connect-BatchApproval } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidConnectionParameter,*'
        "$($err.CategoryInfo.Category)" | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -BeLike '*BATCH_APPROVAL_BASE_URI*'
    }

    It 'Connect-Feishu reads FEISHU_BASE_URI and FEISHU_APP_ID/SECRET' {
        $sandbox = [ApprovalTools.Sandbox.Sandbox]::Shared
        $env:FEISHU_APP_ID = 'cli_from_env'
        $env:FEISHU_APP_SECRET = $sandbox.Settings.AppSecret
        $env:FEISHU_BASE_URI = "$($sandbox.BaseUri)"
        $c = Connect-Feishu
        $c.AppId | Should -Be 'cli_from_env'
        "$($c.Region)" | Should -Be 'Custom'
        $c.BaseUri | Should -Be $sandbox.BaseUri
    }

    It 'missing credentials are CredentialsMissing / InvalidArgument for Feishu and Feishu Project alike' {
        foreach ($connect in { Connect-Feishu }, { Connect-FeishuProject -UserKey u1 }) {
            $err = $connect | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'CredentialsMissing,*'
            "$($err.CategoryInfo.Category)" | Should -Be 'InvalidArgument'
        }
    }

    It 'Connect-FeishuProject to an unreachable host says ServiceUnreachable, as Connect-Feishu does' {
        $secret = ConvertTo-SecureString 'plugin-secret-unreachable' -AsPlainText -Force
        $err = { Connect-FeishuProject -PluginId MII_X -PluginSecret $secret -UserKey 7136 -BaseUri http://127.0.0.1:1/ } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ServiceUnreachable,*'
        "$($err.CategoryInfo.Category)" | Should -Be 'ConnectionError'
        ($err | Out-String) | Should -Not -BeLike '*plugin-secret-unreachable*'
    }
}
