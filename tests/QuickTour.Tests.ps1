#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# README set-up command 1 runs examples/QuickTour.ps1: it must keep passing against the staged module. It runs in a
# fresh pwsh, as build.ps1 -Task QuickTour runs it, because it confirms demo nodes of the process-wide sandbox.

Describe 'examples/QuickTour.ps1' {
    It 'runs the main job of all three services in PowerShell and exits 0 with every step ok' {
        $tour = Join-Path $PSScriptRoot '..' 'examples' 'QuickTour.ps1'
        $module = Join-Path $PSScriptRoot '..' 'out' 'ApprovalTools'
        . $PSScriptRoot/Shared.ps1
        $child = Get-ChildPwsh
        $process = $child.Path; $prefix = $child.Arguments
        $env:NO_COLOR = '1'        # plain text: the tables and the failure message carry no escape codes
        $text = & $process @prefix -NoProfile -NonInteractive -File $tour -ModulePath $module 2>&1 | Out-String
        $LASTEXITCODE | Should -Be 0 -Because $text
        $text | Should -Not -CMatch 'FAILED'
        ([regex]::Matches($text, '  ok: ')).Count | Should -BeGreaterOrEqual 14
    }
}
