#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# examples/Sync-Unsynced.ps1 as a scheduler runs it: the cron and systemd lines of docs/runbook.md, taken from the
# document and run as written (paths replaced by temporary ones, pwsh by this PowerShell) in a child process, against
# a sandbox on 127.0.0.1 that keeps its state between runs, like the standalone sandbox server of a rehearsal.

BeforeAll {
    . $PSScriptRoot/Shared.ps1
    $script:runbookDoc = Get-Content -Raw (Join-Path $RepositoryRoot 'docs/runbook.md')
    $script:script = Join-Path $RepositoryRoot 'examples/Sync-Unsynced.ps1'
    $child = Get-ChildPwsh
    $script:pwshCommand = (@($child.Path) + $child.Arguments) -join ' '

    Add-Type -Path (Join-Path (Get-Module ApprovalTools).ModuleBase 'ApprovalTools.Sandbox.dll')
    # As `--definition PESTER-RUNBOOK` starts the standalone server: with the definition the source's instances use.
    $settings = [ApprovalTools.Sandbox.SandboxSettings]::new()
    $settings.ApprovalDefinitions.Add('PESTER-RUNBOOK')
    $script:sandbox = [ApprovalTools.Sandbox.Sandbox]::Start($settings)
    $script:secret = ConvertTo-SecureString $sandbox.Settings.AppSecret -AsPlainText -Force
    $script:feishu = Connect-Feishu -AppId cli_rehearsal -AppSecret $secret -BaseUri $sandbox.BaseUri

    function New-Source([string] $Path, [string[]] $Ids, [long] $UpdateTime) {
        $items = foreach ($id in $Ids) {
            [ordered]@{ approval_code = 'PESTER-RUNBOOK'; instance_id = $id; status = 'PENDING'
                links = @{ pc_link = "https://erp.example.com/pc/$id" }; user_id = 'buyer1'
                start_time = "$UpdateTime"; end_time = '0'; update_time = "$UpdateTime"
                task_list = @(@{ task_id = "$id-T1"; user_id = 'manager1'; status = 'PENDING'; links = @{ pc_link = "https://erp.example.com/t/$id" }
                                 create_time = "$UpdateTime"; end_time = '0'; update_time = "$UpdateTime" })
                i18n_resources = @(@{ locale = 'zh-CN'; is_default = $true; texts = @() }) }
        }
        ConvertTo-Json -InputObject @($items) -Depth 10 | Set-Content -LiteralPath $Path -Encoding UTF8
    }

    # The documented line with the documented paths moved into $Root; returns the exit code.
    function Invoke-SchedulerLine([string] $Line, [string] $Root) {
        $line = $Line.Replace('/etc/approvaltools', (Join-Path $Root 'etc')).Replace('/opt/approvaltools', $RepositoryRoot).
            Replace('/var/lib/erp', (Join-Path $Root 'lib')).Replace('/var/log', (Join-Path $Root 'log')).
            Replace('/usr/bin/pwsh ', "$pwshCommand ").Replace(' pwsh ', " $pwshCommand ")
        $script:lastOutput = (& /bin/sh -c $line 2>&1) -join "`n"
        $LASTEXITCODE
    }

    function New-SchedulerRoot([string[]] $Ids) {
        $root = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        foreach ($dir in 'etc', 'lib', 'log') { New-Item -ItemType Directory -Path (Join-Path $root $dir) | Out-Null }
        # The rehearsal environment file of docs/runbook.md, pointed at this test's sandbox.
        Set-Content -LiteralPath (Join-Path $root 'etc/feishu.env') -Value @(
            'FEISHU_APP_ID=cli_rehearsal', "FEISHU_APP_SECRET=$($sandbox.Settings.AppSecret)", "FEISHU_BASE_URI=$($sandbox.BaseUri)")
        New-Source -Path (Join-Path $root 'lib/changed-approvals.json') -Ids $Ids -UpdateTime ([DateTimeOffset]::UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds())
        $root
    }

    function Invoke-Child([string[]] $Arguments, [hashtable] $Environment = @{}) {
        $saved = @{}
        foreach ($name in $Environment.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $Environment[$name]) }
        try {
            $output = & /bin/sh -c "$pwshCommand -NoProfile -NonInteractive -File '$script' $($Arguments -join ' ') 2>&1"
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Text = ($output -join "`n") }
        } finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
    }
}

AfterAll {
    $sandbox.Dispose()
}

Describe 'docs/runbook.md scheduler lines' -Skip:$IsWindows {
    It 'the cron line resyncs, writes the checkpoint, and the next run has nothing to do' {
        $cron = ($runbookDoc -split "`n" | Where-Object { $_ -like '`*/5 `* `* `* `* *' } | Select-Object -First 1) -replace '^(\S+\s+){5}', ''
        $cron | Should -Match 'pwsh -NoProfile -NonInteractive -File'
        $run = [guid]::NewGuid().ToString('N').Substring(0, 8)
        $root = New-SchedulerRoot -Ids ("cron-$run-1", "cron-$run-2")

        Invoke-SchedulerLine $cron $root | Should -Be 0 -Because (Get-Content -Raw (Join-Path $root 'log/feishu-sync.log'))
        Join-Path $root 'lib/feishu-sync.json' | Should -Exist
        $sandbox.Approval.Instance("cron-$run-1") | Should -Not -BeNullOrEmpty
        $creates = @($sandbox.Server.Journal | Where-Object Path -eq '/open-apis/approval/v4/external_instances').Count

        Invoke-SchedulerLine $cron $root | Should -Be 0
        @($sandbox.Server.Journal | Where-Object Path -eq '/open-apis/approval/v4/external_instances').Count | Should -Be $creates
        # The second summary in the log (list view; colour codes possible): nothing was checked.
        Get-Content -Raw (Join-Path $root 'log/feishu-sync.log') | Should -Match 'Checked\s*:\s*(\e\[[0-9;]*m)?0\b'
    }

    It 'the systemd ExecStart line with its EnvironmentFile exits non-zero and keeps the checkpoint when an item fails' {
        $execStart = ($runbookDoc -split "`n" | Where-Object { $_ -like 'ExecStart=*' } | Select-Object -First 1) -replace '^ExecStart=', ''
        $environmentFile = ($runbookDoc -split "`n" | Where-Object { $_ -like 'EnvironmentFile=*' } | Select-Object -First 1) -replace '^EnvironmentFile=', ''
        $run = [guid]::NewGuid().ToString('N').Substring(0, 8)
        $root = New-SchedulerRoot -Ids ("sd-$run-1")
        # The server already holds a newer version: the UPDATE is ignored, -Verify reports NotApplied, the run fails.
        $newer = Join-Path $root 'newer.json'
        New-Source -Path $newer -Ids ("sd-$run-1") -UpdateTime ([DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds())
        Get-Content -Raw $newer | ConvertFrom-Json | Sync-ExternalInstance -Connection $feishu | Out-Null

        # systemd reads KEY=value lines from EnvironmentFile= and runs ExecStart= without a shell.
        $line = "set -a && . $environmentFile && $execStart"
        $exit = Invoke-SchedulerLine $line $root

        $exit | Should -Be 1 -Because $lastOutput
        $lastOutput | Should -Match 'Sync-Unsynced failed: 1 of 1 item\(s\) failed'
        Join-Path $root 'lib/feishu-sync.json' | Should -Not -Exist
    }
}

Describe 'Sync-Unsynced.ps1 failures' -Skip:$IsWindows {
    BeforeAll {
        $script:environment = @{ FEISHU_APP_ID = 'cli_rehearsal'; FEISHU_APP_SECRET = $sandbox.Settings.AppSecret; FEISHU_BASE_URI = "$($sandbox.BaseUri)" }
    }

    It 'a source that cannot be read exits 1, says why and writes no checkpoint' {
        $state = Join-Path $TestDrive 'missing-source-state.json'
        $result = Invoke-Child @('-SourcePath', (Join-Path $TestDrive 'no-such-export.json'), '-StatePath', $state) $environment
        $result.ExitCode | Should -Be 1 -Because $result.Text
        $result.Text | Should -Match 'Sync-Unsynced failed: the source failed'
        $state | Should -Not -Exist
    }

    It 'a module that cannot be imported exits 2 and says so' {
        $result = Invoke-Child @('-SourcePath', (Join-Path $RepositoryRoot 'examples/instances.json'), '-StatePath', (Join-Path $TestDrive 's.json'), '-ModulePath', (Join-Path $TestDrive 'nowhere/ApprovalTools.psd1')) $environment
        $result.ExitCode | Should -Be 2 -Because $result.Text
        $result.Text | Should -Match 'cannot import ApprovalTools'
    }

    It 'a source script block that fails throws with -ThrowOnFailure and keeps the old checkpoint' {
        $state = Join-Path $TestDrive 'throw-state.json'
        Set-Content -LiteralPath $state -Value '{ "LastRunUntilMs": 1700000000000 }'
        { & $script -StatePath $state -Connection $feishu -ThrowOnFailure -Source { Invoke-RestMethod http://127.0.0.1:1/changed } } |
            Should -Throw '*the source failed*'
        (Get-Content -Raw $state | ConvertFrom-Json).LastRunUntilMs | Should -Be 1700000000000
    }

    It 'without a connection it exits 2 instead of reporting an empty success' {
        $result = Invoke-Child @('-SourcePath', (Join-Path $RepositoryRoot 'examples/instances.json'), '-StatePath', (Join-Path $TestDrive 'nc.json')) @{ FEISHU_APP_ID = $null }
        $result.ExitCode | Should -Be 2 -Because $result.Text
        $result.Text | Should -Match 'Not connected to Feishu'
    }
}
