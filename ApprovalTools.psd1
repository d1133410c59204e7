#
# Module manifest for ApprovalTools.
# This is a template: the build (src/ApprovalTools/build/StageModule.targets) copies it to out/ApprovalTools/ and
# replaces the ModuleVersion placeholder with ModuleVersion from Directory.Build.props. Import the staged copy, not this file.
# Dependencies (System.Text.Json, Polly.Core, ...) live in out/ApprovalTools/dependencies/ and are resolved by the
# initializer of the nested module ApprovalTools.Loader.dll, imported before the root module; they are deliberately not
# listed in RequiredAssemblies. The loader also picks the ReadyToRun twins in ReadyToRun/ on PowerShell 7.
#
@{
    RootModule             = 'ApprovalTools.dll'
    NestedModules          = @('ApprovalTools.Loader.dll')
    ModuleVersion          = '{{ModuleVersion}}'
    GUID                   = '6f0e5a3c-2d4b-4b8e-9a57-3c1f0b7d9e21'
    Author                 = 'ApprovalTools contributors'
    CompanyName            = 'ApprovalTools'
    Copyright              = '(c) ApprovalTools contributors. MIT License (LICENSE).'
    Description            = 'Feishu approval third-party instances, batch approval and Feishu Project node operations from the PowerShell pipeline, with a local sandbox of all three APIs.'
    CompatiblePSEditions   = @('Desktop', 'Core')
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('ApprovalTools.format.ps1xml')
    HelpInfoURI            = 'https://github.com/ApprovalTools/ApprovalTools/tree/main/docs/help'
    CmdletsToExport        = @(
        'Connect-Feishu'
        'Get-FeishuConnection'
        'Disconnect-Feishu'
        'Sync-ExternalInstance'
        'Test-ExternalInstance'
        'Get-ApprovalTask'
        'Get-ExternalTask'
        'Set-ExternalApproval'
        'Get-ExternalApproval'
        'Clear-ExternalInstance'
        'Connect-BatchApproval'
        'Get-BatchApprovalConnection'
        'Disconnect-BatchApproval'
        'Submit-BatchApproval'
        'Get-BatchApprovalProgress'
        'Test-BatchApproval'
        'Connect-FeishuProject'
        'Get-FeishuProjectConnection'
        'Disconnect-FeishuProject'
        'Invoke-NodeOperation'
        'Get-WorkflowNode'
        'Invoke-ApprovalToolsRequest'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('Feishu', 'Lark', 'Approval', 'FeishuProject', 'Meego', 'Automation', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'macOS')
            ProjectUri   = 'https://github.com/ApprovalTools/ApprovalTools'
            LicenseUri   = 'https://github.com/ApprovalTools/ApprovalTools/blob/main/LICENSE'
            ReleaseNotes = 'First release. The module folder holds the licence (LICENSE) and an overview: Get-Help about_ApprovalTools.'
        }
    }
}
