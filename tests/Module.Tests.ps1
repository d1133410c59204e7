# Pester 5: the staged module as a whole, in real PowerShell (run by ./build.ps1 where pwsh and Pester exist).
BeforeAll {
    . $PSScriptRoot/Shared.ps1
    $Manifest = Import-PowerShellDataFile $StagedManifest
    $Module = Get-Module ApprovalTools
}

Describe 'ApprovalTools module' {
    It 'imports from out/ApprovalTools with the stamped version' {
        $Module | Should -Not -BeNullOrEmpty
        $Module.ModuleBase | Should -Be (Resolve-Path $StagedModule).Path
        $Module.Version | Should -Be ([version]$Manifest.ModuleVersion)
        $Manifest.ModuleVersion | Should -Not -Match '\{\{'
    }

    It 'exports exactly the cmdlets its manifest lists' {
        $exported = @((Get-Command -Module ApprovalTools -CommandType Cmdlet).Name | Sort-Object)
        $exported | Should -Be @($Manifest.CmdletsToExport | Sort-Object)
        @(Get-Command -Module ApprovalTools -CommandType Function, Alias).Count | Should -Be 0
    }

    It 'is a valid manifest' {
        { Test-ModuleManifest -Path $StagedManifest -ErrorAction Stop } | Should -Not -Throw
    }

    It 'only uses approved verbs' {
        $approved = (Get-Verb).Verb
        foreach ($command in Get-Command -Module ApprovalTools) {
            $command.Verb | Should -BeIn $approved -Because "$($command.Name) must use an approved verb"
        }
    }

    It 'declares an output type on every cmdlet' {
        foreach ($command in Get-Command -Module ApprovalTools) {
            $command.OutputType.Count | Should -BeGreaterThan 0 -Because "$($command.Name) needs [OutputType]"
        }
    }

    It 'supports -WhatIf on every cmdlet that changes server state' {
        foreach ($command in Get-Command -Module ApprovalTools | Where-Object Verb -In 'Sync', 'Submit', 'Invoke', 'Clear') {
            $command.Parameters.Keys | Should -Contain 'WhatIf' -Because "$($command.Name) changes server state"
        }
    }

    It 'loads its format file' {
        Get-FormatData -TypeName 'ApprovalTools.Core.Http.ApiException' | Should -Not -BeNullOrEmpty
    }
}

Describe 'Cmdlet help' {
    BeforeDiscovery {
        # Discovery runs before BeforeAll: read the cmdlet names from the staged manifest directly.
        $manifestPath = Join-Path (Join-Path (Join-Path (Split-Path -Parent $PSScriptRoot) 'out') 'ApprovalTools') 'ApprovalTools.psd1'
        $HelpCases = @((Import-PowerShellDataFile $manifestPath).CmdletsToExport | ForEach-Object { @{ Name = $_ } })
    }

    It 'ships en-US/ApprovalTools.dll-Help.xml in the module folder' {
        Join-Path (Join-Path $StagedModule 'en-US') 'ApprovalTools.dll-Help.xml' | Should -Exist
    }

    It 'Get-Help <Name> -Full has a synopsis, a description and examples' -ForEach $HelpCases {
        $help = Get-Help -Name $Name -Full
        $help.Name | Should -Be $Name
        # Without MAML, Get-Help makes the synopsis from the syntax ("Name [-Param] ..."): real help has prose.
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis.Trim() | Should -Not -BeLike "$Name *"
        ($help.description.Text -join ' ') | Should -Not -BeNullOrEmpty
        $examples = @($help.examples.example | Where-Object { $_ })     # @($null) would count 1
        $examples.Count | Should -BeGreaterThan 0
        foreach ($example in $examples) {
            $example.code | Should -Not -BeNullOrEmpty
        }
    }

    It 'Get-Help <Name> describes every parameter' -ForEach $HelpCases {
        $help = Get-Help -Name $Name -Full
        $skip = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        $parameters = (Get-Command -Name $Name).Parameters.Values |
            Where-Object { $_.Name -notin $skip -and -not ($_.Attributes | Where-Object { $_ -is [Parameter] -and $_.DontShow }) }
        foreach ($parameter in $parameters) {
            $entry = @($help.parameters.parameter) | Where-Object name -EQ $parameter.Name
            $entry | Should -Not -BeNullOrEmpty -Because "$Name -$($parameter.Name) needs help"
            ($entry.description.Text -join ' ') | Should -Not -BeNullOrEmpty -Because "$Name -$($parameter.Name) needs a description"
        }
    }
}

BeforeDiscovery {
    # For -Skip, which is decided before BeforeAll runs: does this build have ReadyToRun twins for this runtime?
    $twinFolder = if ($PSVersionTable.PSEdition -eq 'Core') {
        $readyToRun = Join-Path (Join-Path (Join-Path (Split-Path -Parent $PSScriptRoot) 'out') 'ApprovalTools') 'ReadyToRun'
        Join-Path $readyToRun "net$([Environment]::Version.Major).0-$([System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier)"
    }
    $HasTwins = [bool]($twinFolder -and (Test-Path (Join-Path $twinFolder 'sources.sha256')))
}

Describe 'Dependency loading' {
    BeforeAll {
        # Ask for Polly.Core exactly as ApprovalTools.Core references it: only the module initializer's resolve
        # hook can answer, since Polly.Core is neither in PowerShell nor next to the module's root dlls.
        $reference = [ApprovalTools.Core.Http.ApiTransport].Assembly.GetReferencedAssemblies() | Where-Object Name -EQ 'Polly.Core'
        $Polly = [System.Reflection.Assembly]::Load($reference)
        $Dependencies = Join-Path $StagedModule 'dependencies'
        # A Release build stages ReadyToRun twins for the runtime and platform it ran on (src/ApprovalTools.ReadyToRun).
        $Twins = if ($PSVersionTable.PSEdition -eq 'Core') {
            Join-Path (Join-Path $StagedModule 'ReadyToRun') "net$([Environment]::Version.Major).0-$([System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier)"
        }
        $HasTwins = $Twins -and (Test-Path (Join-Path $Twins 'sources.sha256'))
    }

    It 'resolves a third-party dependency from dependencies/ (or its ReadyToRun twin)' {
        $Polly | Should -Not -BeNullOrEmpty
        $folder = if ($HasTwins) { $Twins } else { $Dependencies }
        $Polly.Location | Should -Be (Join-Path $folder 'Polly.Core.dll')
    }

    It 'loads third-party dependencies in its private load context on PowerShell 7' -Skip:($PSVersionTable.PSEdition -ne 'Core') {
        $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($Polly)
        $context.Name | Should -Be 'ApprovalTools.Dependencies'
        foreach ($assembly in $context.Assemblies) {
            (Split-Path $assembly.Location) | Should -BeIn @($Dependencies; if ($HasTwins) { $Twins })
        }
    }

    It 'loads the ReadyToRun twins of its own assemblies into the default load context on PowerShell 7' -Skip:(-not $HasTwins) {
        foreach ($type in [ApprovalTools.Core.Http.ApiTransport], [ApprovalTools.Sandbox.Sandbox]) {
            $type.Assembly.Location | Should -Be (Join-Path $Twins (Split-Path -Leaf $type.Assembly.Location))
            [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($type.Assembly) | Should -Be ([System.Runtime.Loader.AssemblyLoadContext]::Default)
        }
        [ApprovalTools.Commands.SyncExternalInstanceCommand].Assembly.Location | Should -Be (Join-Path $StagedModule 'ApprovalTools.dll')
    }

    It 'loads the IL instead of a twin whose IL file changed since it was compiled' -Skip:(-not $HasTwins) {
        $copy = Join-Path $TestDrive 'ApprovalTools'
        Copy-Item $StagedModule $copy -Recurse
        $sources = Join-Path (Join-Path (Join-Path $copy 'ReadyToRun') (Split-Path -Leaf $Twins)) 'sources.sha256'
        # what a rebuilt IL file looks like to the loader: its hash is no longer the recorded one
        (Get-Content $sources) -replace '^[0-9A-Fa-f]{64}(?=  ApprovalTools\.Core\.dll$)', ('0' * 64) | Set-Content $sources
        $child = Get-ChildPwsh
        $prefix = $child.Arguments
        $probe = @"
Import-Module '$copy'
`$null = Connect-Feishu -Sandbox
`$item = @{ approval_code = '81D31358-93AF-92D6-7425-01A5D67C4E71'; instance_id = 'r2r-1'; status = 'PENDING'; links = @{ pc_link = 'https://e/1' }; title = 't'
           user_id = 'b'; start_time = '1735689600000'; end_time = '0'; update_time = '1735689600000'
           i18n_resources = @(@{ locale = 'zh-CN'; is_default = `$true; texts = @(@{ key = 't'; value = 'v' }) }) }
`$result = `$item | Sync-ExternalInstance -ErrorAction Stop
[ApprovalTools.Core.Http.ApiTransport].Assembly.Location
[ApprovalTools.Sandbox.Sandbox].Assembly.Location
`$result.InstanceId
"@
        $lines = & $child.Path @prefix -NoProfile -NonInteractive -Command $probe 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($lines | Out-String)
        $lines[0] | Should -Be (Join-Path $copy 'ApprovalTools.Core.dll')
        $lines[1] | Should -Be (Join-Path (Join-Path (Join-Path $copy 'ReadyToRun') (Split-Path -Leaf $Twins)) 'ApprovalTools.Sandbox.dll')
        $lines[2] | Should -Be 'r2r-1'
    }

    It 'can open a sandbox connection (the request pipeline loads)' {
        Connect-TestSandbox Feishu | Should -Not -BeNullOrEmpty
    }
}
