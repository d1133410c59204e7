#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# -Verbose and -Debug on the cmdlets: one verbose line per request, detail under -Debug, and -Debug never prompts.
# Pester runs in a -NonInteractive pwsh (build.ps1), where any prompt is an error: the tests below would see it.

BeforeAll {
    . $PSScriptRoot/Shared.ps1
    $script:feishu = Connect-Feishu -Sandbox
    $script:instances = Get-Content -Raw (Join-Path $RepositoryRoot 'examples/instances.json') | ConvertFrom-Json
}

Describe '-Debug' {
    It 'adds request and response detail without prompting or stopping the work' {
        $run = Invoke-Collecting { $instances | Sync-ExternalInstance -Debug 5>&1 4>&1 }
        $run.Errors | Should -BeNullOrEmpty
        @($run.Output | Where-Object { $_ -is [ApprovalTools.Core.Approval.Operations.SyncResult] }) | Should -HaveCount 3
        $debug = @($run.Output | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }).Message
        $debug | Where-Object { $_ -match '> POST .*/external_instances' } | Should -HaveCount 3
        $debug | Where-Object { $_ -match '< HTTP 200' } | Should -Not -BeNullOrEmpty
        ($debug -join "`n") | Should -Match 'Authorization: \*\*\*'
        ($debug -join "`n") | Should -Not -Match 't-[0-9a-f]{32}'
        # The per-request lines are there too (as debug records: -Debug alone would make WriteVerbose prompt).
        $debug | Where-Object { $_ -match 'POST /open-apis/approval/v4/external_instances -> HTTP 200 in \d+ ms' } | Should -HaveCount 3
    }

    It 'does not prompt under $DebugPreference = Continue either' {
        $DebugPreference = 'Continue'
        $run = Invoke-Collecting { $instances[0] | Test-ExternalInstance 5>$null }
        $run.Errors | Should -BeNullOrEmpty
    }
}

Describe '-Verbose' {
    It 'writes one line per request with method, path, status and duration, and no body' {
        $verbose = @($instances | Sync-ExternalInstance -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message
        $requests = @($verbose | Where-Object { $_ -match '^FeishuApproval: POST /open-apis/approval/v4/external_instances -> HTTP 200 in \d+ ms' })
        $requests | Should -HaveCount 3
        ($verbose -join "`n") | Should -Not -Match 'approval_code'
    }
}
