#Requires -Version 7.0
<#
.SYNOPSIS
    Packs a staged module folder into a gallery-ready .nupkg with PSResourceGet (ships with PowerShell 7.4+).
.DESCRIPTION
    Registers a local file repository named -RepositoryName at -OutputPath, publishes -ModulePath to it
    (Publish-PSResource validates the manifest as the PowerShell Gallery does) and unregisters the repository again.
    PSResourceGet keeps its repository list under LocalApplicationData (XDG_DATA_HOME or ~/.local/share): build.ps1
    -Task Package and tests/Package.Tests.ps1 run this script in a child pwsh whose HOME and XDG folders are temporary, so the
    user's list is never touched. On Windows the uniquely named repository is registered and removed again.
    Writes the path of the .nupkg.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $OutputPath,
    [string] $RepositoryName = "ApprovalTools-local-$PID"
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module Microsoft.PowerShell.PSResourceGet

New-Item -ItemType Directory -Path $OutputPath -Force | Out-Null
$manifest = Import-PowerShellDataFile (Join-Path $ModulePath 'ApprovalTools.psd1')
$package = Join-Path $OutputPath "ApprovalTools.$($manifest.ModuleVersion).nupkg"
if (Test-Path $package) { Remove-Item $package }

Register-PSResourceRepository -Name $RepositoryName -Uri $OutputPath -Trusted
try {
    Publish-PSResource -Path $ModulePath -Repository $RepositoryName
} finally {
    Unregister-PSResourceRepository -Name $RepositoryName
}
if (-not (Test-Path $package)) { throw "Publish-PSResource did not write $package." }
(Resolve-Path $package).Path
