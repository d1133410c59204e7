#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Every file an example reads ships in the repository: the PowerShell blocks of README.md, docs/ and docs/help/ (the
# cmdlet help examples) and the scripts under examples/. A path that the same block writes first (Export-Csv x, then
# Import-Csv x) is not a shipped file and is skipped.

BeforeDiscovery {
    $root = Split-Path -Parent $PSScriptRoot
    $readers = 'Import-Csv', 'Get-Content(?:\s+-Raw)?', 'Import-Clixml', '-SeedPath', '-SourcePath', '-Path', '-LiteralPath'
    $writers = 'Export-Csv', 'Set-Content', 'Out-File', 'Export-Clixml', '-StatePath'
    $pathPattern = '(?<path>(?:\./|\.\\)?[\w./\\-]+\.(?:csv|json|xml|txt))'
    $readRegex = [regex]"(?:$($readers -join '|'))\s+['""]?$pathPattern"
    $writeRegex = [regex]"(?:$($writers -join '|'))\s+['""]?$pathPattern"

    function Get-CodeBlocks([string] $File) {
        $text = Get-Content -Raw -LiteralPath $File
        if ($File -like '*.ps1') { return , $text }
        [regex]::Matches($text, '(?ms)^```(?:powershell|pwsh|ps1)?\s*$(?<code>.*?)^```') | ForEach-Object { $_.Groups['code'].Value }
    }

    $sources = @(Get-Item (Join-Path $root 'README.md')) + @(Get-ChildItem (Join-Path $root 'docs') -Filter *.md -Recurse) +
        @(Get-ChildItem (Join-Path $root 'examples') -Filter *.ps1)
    $script:reads = foreach ($file in $sources) {
        foreach ($block in Get-CodeBlocks $file.FullName) {
            $written = @($writeRegex.Matches($block) | ForEach-Object { $_.Groups['path'].Value })
            foreach ($match in $readRegex.Matches($block)) {
                $path = $match.Groups['path'].Value
                if ($path -in $written) { continue }
                @{ Source = $file.FullName.Substring($root.Length + 1); Path = $path; Root = $root }
            }
        }
    }
}

Describe 'Files that examples read' {
    It 'finds the example reads at all (the scan works)' -ForEach @(@{ Count = @($reads).Count }) {
        $Count | Should -BeGreaterThan 10
    }

    It '<Source> reads <Path>, which ships in the repository' -ForEach $reads {
        Join-Path $Root ($Path -replace '^\.[/\\]', '') | Should -Exist
    }
}
