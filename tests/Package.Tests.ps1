#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The module as the PowerShell Gallery would ship it: the staged folder is packed with Publish-PSResource
# (tools/build/Publish-ModulePackage.ps1, what build.ps1 -Task Package runs), installed from a local file repository
# with Install-PSResource into a temporary home, imported from there and used against the embedded sandbox.
# Everything runs in child pwsh processes whose HOME and PSModulePath point into TestDrive, so the user's module
# folders and repository list are never touched (Linux and macOS; this test is skipped on Windows, where
# LocalApplicationData cannot be redirected through the environment).

BeforeAll {
    . $PSScriptRoot/Shared.ps1
    $script:manifest = Import-PowerShellDataFile $StagedManifest
    $child = Get-ChildPwsh
    $script:pwsh = $child.Path
    $script:prefix = $child.Arguments

    function Invoke-Isolated([string] $Script, [string[]] $Arguments) {
        $isolated = Join-Path $TestDrive 'home'
        # PSResourceGet keeps its repository list under LocalApplicationData, which .NET reads from XDG_DATA_HOME or HOME
        # (~/.local/share) on Linux and macOS and resolves to a path relative to the working directory when that
        # folder is missing: create them all first.
        foreach ($dir in '.local/share', 'data', 'config') { New-Item -ItemType Directory -Path (Join-Path $isolated $dir) -Force | Out-Null }
        $saved = @{ HOME = $env:HOME; XDG_DATA_HOME = $env:XDG_DATA_HOME; XDG_CONFIG_HOME = $env:XDG_CONFIG_HOME; PSModulePath = $env:PSModulePath }
        try {
            $env:HOME = $isolated; $env:XDG_DATA_HOME = Join-Path $isolated 'data'; $env:XDG_CONFIG_HOME = Join-Path $isolated 'config'
            $env:PSModulePath = Join-Path $PSHOME 'Modules'
            # The child's working directory too: NuGet settings resolve relative paths against it.
            $savedDirectory = [Environment]::CurrentDirectory
            [Environment]::CurrentDirectory = $TestDrive
            try { & $pwsh @prefix -NoProfile -NonInteractive -File $Script @Arguments 2>&1 | ForEach-Object { "$_" } }
            finally { [Environment]::CurrentDirectory = $savedDirectory }
        } finally {
            foreach ($name in $saved.Keys) { Set-Item "env:$name" $saved[$name] }
        }
    }
}

Describe 'The staged module folder' {
    It 'carries gallery metadata that points to files and pages that exist' {
        $manifest.PrivateData.PSData.ProjectUri | Should -Match '^https://'
        $manifest.PrivateData.PSData.LicenseUri | Should -Match '^https://.+/LICENSE$'
        $manifest.HelpInfoURI | Should -Match '^https://'
        $manifest.PrivateData.PSData.ReleaseNotes | Should -Match 'about_ApprovalTools'
        Join-Path $StagedModule 'LICENSE' | Should -Exist
        Join-Path $StagedModule 'en-US/about_ApprovalTools.help.txt' | Should -Exist
    }

    It 'ships no .pdb files' {
        @(Get-ChildItem $StagedModule -Recurse -Filter *.pdb) | Should -BeNullOrEmpty
    }

    It 'has an about topic Get-Help finds' {
        (Get-Help about_ApprovalTools | Out-String) | Should -Match 'ConfirmationNotPossible'
    }
}

Describe 'Publish-PSResource and Install-PSResource' -Skip:$IsWindows {
    It 'packs the module, installs it from a local repository into a temporary home, and the installed module syncs against the sandbox' {
        $repository = Join-Path $TestDrive 'repository'
        $publisher = Join-Path $RepositoryRoot 'tools/build/Publish-ModulePackage.ps1'
        $user = Join-Path $TestDrive 'install-and-use.ps1'
        Set-Content -LiteralPath $user -Value @'
param([string] $Publisher, [string] $ModulePath, [string] $Repository, [string] $Instances)
$ErrorActionPreference = 'Stop'
& $Publisher -ModulePath $ModulePath -OutputPath $Repository      # what build.ps1 -Task Package runs
Register-PSResourceRepository -Name approvaltools-test -Uri $Repository -Trusted
$temporary = New-Item -ItemType Directory -Path (Join-Path $env:HOME 'tmp') -Force
$info = Install-PSResource -Name ApprovalTools -Repository approvaltools-test -Scope CurrentUser -TemporaryPath $temporary.FullName -Quiet -PassThru
$env:PSModulePath = $info.InstalledLocation + [IO.Path]::PathSeparator + $env:PSModulePath
$installed = Get-Module -ListAvailable ApprovalTools
if (@($installed).Count -ne 1) { throw "expected one installed ApprovalTools, found $(@($installed).Count)" }
"installed: $($installed.ModuleBase)"
Import-Module ApprovalTools
Connect-Feishu -Sandbox | Out-Null
$results = Get-Content -Raw $Instances | ConvertFrom-Json | Sync-ExternalInstance
"synced: $(@($results).Count)"
'@
        # One child process packs, installs and uses the module (each pwsh start costs seconds).
        $output = Invoke-Isolated $user @('-Publisher', $publisher, '-ModulePath', $StagedModule, '-Repository', $repository,
            '-Instances', (Join-Path $RepositoryRoot 'examples/instances.json'))
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $package = Join-Path $repository "ApprovalTools.$($manifest.ModuleVersion).nupkg"
        $package | Should -Exist
        $entries = [IO.Compression.ZipFile]::OpenRead($package)
        try { $names = @($entries.Entries.FullName) } finally { $entries.Dispose() }
        $names | Should -Contain 'ApprovalTools.psd1'
        $names | Should -Contain 'LICENSE'
        $names | Should -Contain 'en-US/about_ApprovalTools.help.txt'
        $names | Where-Object { $_ -like '*.pdb' } | Should -BeNullOrEmpty

        $installedLine = $output | Where-Object { $_ -like 'installed: *' }
        $installedLine | Should -BeLike "installed: $(Join-Path $TestDrive 'home')*"
        $output | Should -Contain 'synced: 3'
        Join-Path $RepositoryRoot 'NuGet' | Should -Not -Exist
        Join-Path $RepositoryRoot 'PSResourceGet' | Should -Not -Exist
        Join-Path $TestDrive 'home/data/PSResourceGet' | Should -Exist
    }
}
