<#
.SYNOPSIS
    One measurement of the module as users run it (the cmdlets in pwsh), printed as "RESULT {json}" lines.
    Started by the C# bench host (`dotnet run -c Release --project bench/ApprovalTools.Bench -- pwsh`), which owns the
    sandbox, so this process holds only the client: its CPU, allocation and memory are the client's.
.PARAMETER Scenario
    throughput  module vs raw HttpClient + System.Text.Json vs Invoke-RestMethod, limits off, side by side, -Reps times
    memory      peak working set while streaming 10k and 100k instances, against the connected session's baseline;
                -Client raw streams them through the raw HttpClient loop instead (the same session: module imported, connected)
    firstcall   Import-Module + Connect-Feishu + first Sync of one instance in this fresh process
    firstcall-irm  the anchor: the same two requests (token, create) with Invoke-RestMethod in this fresh process
    rate-sync   Sync-ExternalInstance with default settings (client 50/s + 1000/min) against the server's default limits
    rate-node   Invoke-NodeOperation -Action Confirm with default settings (15/s) on work items the host seeded
#>
param(
    [Parameter(Mandatory)] [ValidateSet('throughput', 'memory', 'firstcall', 'firstcall-irm', 'rate-sync', 'rate-node')] [string] $Scenario,
    [Parameter(Mandatory)] [string] $BaseUri,
    [Parameter(Mandatory)] [string] $Secret,
    [int] $Count = 10000,
    [int] $Reps = 3,
    [int] $ThrottleLimit = 4,
    [ValidateSet('module', 'raw')] [string] $Client = 'module',
    [string] $Module = (Join-Path $PSScriptRoot '../../out/ApprovalTools')
)
$ErrorActionPreference = 'Stop'
function Result([hashtable] $fields) { 'RESULT ' + ($fields | ConvertTo-Json -Compress) }
$secure = ConvertTo-SecureString $Secret -AsPlainText -Force
$appId = 'cli_bench'

if ($Scenario -like 'firstcall*') {
    # Nothing of the module or the bench is loaded before the clock starts; the instance is a plain literal.
    $instance = @{
        approval_code = 'BENCH-APPROVAL'; instance_id = 'first-call-' + [guid]::NewGuid().ToString('N'); status = 'PENDING'
        links = @{ pc_link = 'https://erp.example.com/pc/1' }; title = 'first call'; user_id = 'initiator-1'
        start_time = '1700000000000'; end_time = '0'; update_time = '1700000000001'
        task_list = @(@{ task_id = 't1'; user_id = 'approver-1'; links = @{ pc_link = 'https://erp.example.com/pc/t1' }
            status = 'PENDING'; create_time = '1700000000000'; end_time = '0'; update_time = '1700000000001' })
        i18n_resources = @(@{ locale = 'zh-CN'; is_default = $true; texts = @(@{ key = 'k'; value = 'v' }) })
    }
    # JIT time and methods compiled per step say how much of each step is compiling code rather than running it.
    $jit = { [Runtime.JitInfo]::GetCompilationTime($false).TotalMilliseconds }
    $methods = { [Runtime.JitInfo]::GetCompiledMethodCount($false) }
    $j0 = & $jit; $m0 = & $methods
    $watch = [Diagnostics.Stopwatch]::StartNew()
    if ($Scenario -eq 'firstcall') {
        Import-Module $Module
        $import = $watch.Elapsed.TotalMilliseconds; $j1 = & $jit; $m1 = & $methods
        $null = Connect-Feishu -AppId $appId -AppSecret $secure -BaseUri $BaseUri
        $connect = $watch.Elapsed.TotalMilliseconds; $j2 = & $jit; $m2 = & $methods
        $result = $instance | Sync-ExternalInstance -ErrorAction Stop
        $total = $watch.Elapsed.TotalMilliseconds; $j3 = & $jit; $m3 = & $methods
        if ($result.InstanceId -ne $instance.instance_id) { throw "first sync returned no result: $result" }
    } else {
        # What PowerShell itself costs for the same two requests: no import; "connect" = the token, "sync" = the create.
        $import = 0; $j1 = $j0; $m1 = $m0
        $answer = Invoke-RestMethod -Method Post -Uri ([Uri]::new([Uri]$BaseUri, 'open-apis/auth/v3/tenant_access_token/internal')) -ContentType 'application/json; charset=utf-8' `
            -Body (@{ app_id = $appId; app_secret = $Secret } | ConvertTo-Json -Compress)
        $connect = $watch.Elapsed.TotalMilliseconds; $j2 = & $jit; $m2 = & $methods
        $created = Invoke-RestMethod -Method Post -Uri ([Uri]::new([Uri]$BaseUri, 'open-apis/approval/v4/external_instances')) -Headers @{ Authorization = "Bearer $($answer.tenant_access_token)" } `
            -ContentType 'application/json; charset=utf-8' -Body ($instance | ConvertTo-Json -Depth 10 -Compress)
        $total = $watch.Elapsed.TotalMilliseconds; $j3 = & $jit; $m3 = & $methods
        if ($created.code -ne 0) { throw "create answered code $($created.code)" }
    }
    Result @{ scenario = $Scenario; importMs = $import; connectMs = $connect - $import; syncMs = $total - $connect; totalMs = $total
        importJitMs = $j1 - $j0; connectJitMs = $j2 - $j1; syncJitMs = $j3 - $j2; importMethods = $m1 - $m0; connectMethods = $m2 - $m1; syncMethods = $m3 - $m2 }
    return
}

Add-Type -Path (Join-Path $PSScriptRoot 'PerfBench.cs'), (Join-Path $PSScriptRoot 'BenchInstance.cs')
Import-Module $Module

if ($Scenario -eq 'rate-sync') {
    $null = Connect-Feishu -AppId $appId -AppSecret $secure -BaseUri $BaseUri
    $errors = @()
    $meter = [PerfBench.Meter]::new()
    $done = [PerfBench.Instances]::Stream($Count, 'rate-') | Sync-ExternalInstance -ErrorVariable +errors -ErrorAction SilentlyContinue | Measure-Object
    $meter = $meter.Stop($Count)
    Result @{ scenario = 'rate-sync'; items = $Count; results = $done.Count; errors = $errors.Count; seconds = $meter.Seconds
        firstError = if ($errors.Count) { "$($errors[0])" } else { $null } }
    return
}

if ($Scenario -eq 'rate-node') {
    $null = Connect-FeishuProject -PluginId 'MII_BENCH' -PluginSecret $secure -UserKey '7136000000000000001' -BaseUri $BaseUri
    $errors = @()
    $meter = [PerfBench.Meter]::new()
    $done = 1..$Count | ForEach-Object {
        [pscustomobject]@{ ProjectKey = 'bench'; WorkItemTypeKey = 'story'; WorkItemId = [string](6300000000000000000 + $_); NodeId = 'start' }
    } | Invoke-NodeOperation -Action Confirm -ErrorVariable +errors -ErrorAction SilentlyContinue | Measure-Object
    $meter = $meter.Stop($Count)
    Result @{ scenario = 'rate-node'; items = $Count; results = $done.Count; errors = $errors.Count; seconds = $meter.Seconds
        firstError = if ($errors.Count) { "$($errors[0])" } else { $null } }
    return
}

# Limits off on the client (the host's sandbox has them off too): what is measured is the client's own cost.
$null = Connect-Feishu -AppId $appId -AppSecret $secure -BaseUri $BaseUri -RequestsPerSecond 0 -RequestsPerMinute 0

function Invoke-Module([int] $n, [string] $prefix) {
    $errors = @()
    [PerfBench.Instances]::Stream($n, $prefix) | Sync-ExternalInstance -Mode Update -ThrottleLimit $ThrottleLimit -ErrorVariable +errors -ErrorAction SilentlyContinue | Out-Null
    if ($errors.Count) { throw "module: $($errors.Count) errors, first: $($errors[0])" }
}

if ($Scenario -eq 'memory') {
    # The anchor streams the same instances through the raw loop at the same number in flight: what any client costs
    # the runtime here (GC budgets, tier-up, glibc arenas), measured the same way.
    $rawToken = if ($Client -eq 'raw') { [PerfBench.RawSync]::Token($BaseUri, $appId, $Secret) }
    function Invoke-Client([int] $n, [string] $prefix) {
        if ($Client -eq 'module') { Invoke-Module $n $prefix; return }
        $ok = [PerfBench.RawSync]::Run($BaseUri, $rawToken, [PerfBench.Instances]::Stream($n, $prefix), $ThrottleLimit)
        if ($ok -ne $n) { throw "raw: $ok of $n accepted" }
    }
    # Besides the working set: what of it is the module's (managed data still alive after a full GC) and what is the
    # runtime's (the GC's committed heap, which follows its gen0 budget; the large object heap, whose garbage waits for
    # a full collection; the C heap of the JIT and type loader; code compiled and tiered up while running).
    function Full { [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect() }
    Full
    $baseline = [Environment]::WorkingSet; $baseLive = [GC]::GetTotalMemory($true); $baseCommitted = [GC]::GetGCMemoryInfo().TotalCommittedBytes
    $baseLoh = [PerfBench.PeakMemory]::LargeObjectHeap(); $baseNative = [PerfBench.PeakMemory]::NativeHeap()
    Invoke-Client 200 'warm-'
    Full
    $warm = [Environment]::WorkingSet
    foreach ($n in 10000, 100000) {
        $peak = [PerfBench.PeakMemory]::new()
        $methods = [Runtime.JitInfo]::GetCompiledMethodCount($false)
        $meter = [PerfBench.Meter]::new()
        Invoke-Client $n "mem$n-"
        $meter = $meter.Stop($n)
        $top = $peak.Peak; $topCommitted = $peak.PeakCommitted; $topLoh = $peak.PeakLoh; $topNative = $peak.PeakNative
        $peak.Dispose()
        $compiled = [Runtime.JitInfo]::GetCompiledMethodCount($false) - $methods
        $threads = [Diagnostics.Process]::GetCurrentProcess().Threads.Count
        Full
        Result @{ scenario = 'memory'; client = $Client; items = $n; baselineMb = [PerfBench.PeakMemory]::Mb($baseline); warmMb = [PerfBench.PeakMemory]::Mb($warm)
            peakMb = [PerfBench.PeakMemory]::Mb($top); perSecond = $meter.PerSecond
            baseLiveMb = [PerfBench.PeakMemory]::Mb($baseLive); liveMb = [PerfBench.PeakMemory]::Mb([GC]::GetTotalMemory($true))
            baseCommittedMb = [PerfBench.PeakMemory]::Mb($baseCommitted); peakCommittedMb = [PerfBench.PeakMemory]::Mb($topCommitted)
            baseLohMb = [PerfBench.PeakMemory]::Mb($baseLoh); peakLohMb = [PerfBench.PeakMemory]::Mb($topLoh)
            baseNativeMb = [PerfBench.PeakMemory]::Mb($baseNative); peakNativeMb = [PerfBench.PeakMemory]::Mb($topNative)
            methods = $compiled; threads = $threads }
    }
    return
}

# throughput: warm every path, then module / raw / IRM side by side, Reps times.
$token = [PerfBench.RawSync]::Token($BaseUri, $appId, $Secret)
$createUri = [Uri]::new([Uri]$BaseUri, 'open-apis/approval/v4/external_instances')
$headers = @{ Authorization = "Bearer $token" }
function Invoke-Irm([int] $n, [string] $prefix) {
    foreach ($instance in [PerfBench.Instances]::Stream($n, $prefix)) {
        $instance['update_mode'] = 'UPDATE'
        $answer = Invoke-RestMethod -Method Post -Uri $createUri -Headers $headers -ContentType 'application/json; charset=utf-8' -Body ($instance | ConvertTo-Json -Depth 10 -Compress)
        if ($answer.code -ne 0) { throw "IRM: code $($answer.code)" }
    }
}
# Cost per item is a steady-state figure (the first-call part measures the cold one), so each path is warmed until
# tiered compilation has settled on it: batches until one compiles fewer than 20 methods (all threads, so background
# tier-up counts), with a pause after each for the background compiler's delay. A fixed 3,000 items left the module's
# first two reps paying tier-up (2x the CPU of reps 3-5) and the raw loop's CPU still falling at rep 5.
function Warm([scriptblock] $path, [int] $batch, [string] $prefix) {
    for ($round = 1; $round -le 15; $round++) {
        $before = [Runtime.JitInfo]::GetCompiledMethodCount($false)
        & $path $batch "$prefix$round-"
        Start-Sleep -Milliseconds 300
        if ([Runtime.JitInfo]::GetCompiledMethodCount($false) - $before -lt 20) { break }
    }
    [Math]::Min($round, 15) * $batch
}
$warmed = @{
    module = Warm { param($n, $p) Invoke-Module $n $p } 2000 'warm-m-'
    raw    = Warm { param($n, $p) $null = [PerfBench.RawSync]::Run($BaseUri, $token, [PerfBench.Instances]::Stream($n, $p), $ThrottleLimit) } 2000 'warm-r-'
    irm    = Warm { param($n, $p) Invoke-Irm $n $p } 200 'warm-i-'
}
$irmCount = [Math]::Max(200, [int]($Count / 10))
for ($rep = 1; $rep -le $Reps; $rep++) {
    [GC]::Collect()
    $m = [PerfBench.Meter]::new(); Invoke-Module $Count "m$rep-"; $m = $m.Stop($Count)
    [GC]::Collect()
    $r = [PerfBench.Meter]::new(); $ok = [PerfBench.RawSync]::Run($BaseUri, $token, [PerfBench.Instances]::Stream($Count, "r$rep-"), $ThrottleLimit); $r = $r.Stop($Count)
    if ($ok -ne $Count) { throw "raw: $ok of $Count accepted" }
    [GC]::Collect()
    $i = [PerfBench.Meter]::new(); Invoke-Irm $irmCount "i$rep-"; $i = $i.Stop($irmCount)
    Result @{ scenario = 'throughput'; rep = $rep; items = $Count; irmItems = $irmCount; throttle = $ThrottleLimit; warmed = $warmed
        module = @{ perSecond = $m.PerSecond; cpuUs = $m.CpuMicrosPerItem; kb = $m.KBPerItem }
        raw = @{ perSecond = $r.PerSecond; cpuUs = $r.CpuMicrosPerItem; kb = $r.KBPerItem }
        irm = @{ perSecond = $i.PerSecond; cpuUs = $i.CpuMicrosPerItem; kb = $i.KBPerItem } }
}
