# One-line mutations of product code for tools/mutation-probe/Invoke-MutationProbe.ps1. Each entry: the file, a text
# that must occur exactly once in it, what it becomes, and the rule it breaks. A mutation some test does not catch
# "survives" and points at a missing test.
@{ Mutations = @(
    @{ Name = 'RunLedger ignores cc entries'; File = 'src/ApprovalTools.Core/Approval/Operations/RunLedger.cs'
       Find = 'Compare(conflicts, Key(''c'', id, cc.CcId!), $"cc ''{cc.CcId}''", cc.UpdateTime);'; Replace = '' }
    @{ Name = 'Batch secrets not registered with the redactor'; File = 'src/ApprovalTools.Core/BatchApproval/BatchApprovalProtocol.cs'
       Find = 'transport.Redactor.Add(_token?.Reveal());'; Replace = '' }
    @{ Name = 'Redactor skips registered secrets'; File = 'src/ApprovalTools.Core/Http/Redactor.cs'
       Find = 'if (result.IndexOf(value, StringComparison.Ordinal) >= 0) result = result.Replace(value, Mask);'; Replace = '' }
    @{ Name = 'Cmdlet SkipSecondQuestion always true (REPLACE never asks)'; File = 'src/ApprovalTools/Infrastructure/ApprovalCmdlet.cs'
       Find = 'force is SwitchParameter f && f.IsPresent) return true;'; Replace = 'force is SwitchParameter f && f.IsPresent || !string.IsNullOrEmpty("mutant")) return true;' }
    @{ Name = 'MaxTaskIdsPerCall 200 -> 500'; File = 'src/ApprovalTools.Core/BatchApproval/BatchLimits.cs'
       Find = 'public const int MaxTaskIdsPerCall = 200;'; Replace = 'public const int MaxTaskIdsPerCall = 500;' }
    @{ Name = 'In-run update_time check <= -> <'; File = 'src/ApprovalTools.Core/Approval/Operations/RunLedger.cs'
       Find = 'if (nowMs <= sentMs)'; Replace = 'if (nowMs < sentMs)' }
    @{ Name = 'Confirmation targets do not name the tenant'; File = 'src/ApprovalTools/Infrastructure/CmdletSink.cs'
       Find = 'tenant == null ? target : target + " on " + tenant;'; Replace = 'target;' }
    @{ Name = 'Auth failures reported per item instead of ending the run'; File = 'src/ApprovalTools.Core/Operations/FailurePolicy.cs'
       Find = 'exception.Kind == ErrorKind.Authentication;'; Replace = 'false;' }
    @{ Name = 'A replaced default connection is not closed'; File = 'src/ApprovalTools.Core/Connections/DefaultConnections.cs'
       Find = 'if (previous != null && !ReferenceEquals(previous, connection)) previous.Dispose();'; Replace = '' }
    @{ Name = 'Retry-After as an HTTP date ignored'; File = 'src/ApprovalTools.Core/Http/RetryAfter.cs'
       Find = 'var wait = at - now;'; Replace = 'var wait = TimeSpan.Zero;' }
    @{ Name = 'MaxServerDelay cap removed'; File = 'src/ApprovalTools.Core/Http/ApiTransport.cs'
       Find = 'var capped = wait > settings.MaxServerDelay ? settings.MaxServerDelay : wait;'; Replace = 'var capped = wait;' }
    @{ Name = 'Feishu Project default rate dropped with custom settings'; File = 'src/ApprovalTools.Core/Http/ResilienceSettings.cs'
       Find = 'DefaultRequestsPerSecond ?? serviceDefault.PerSecond'; Replace = 'DefaultRequestsPerSecond ?? 0' }
    @{ Name = 'BATCH_APPROVAL_TOKEN not read'; File = 'src/ApprovalTools.Core/BatchApproval/BatchApprovalConnection.cs'
       Find = 'Token = Token != null || Headers.Count > 0 ? Token : EitherSecret(null, read, EnvironmentVariables.BatchApprovalToken),'; Replace = '' }
    @{ Name = 'Sandbox accepts unknown approval codes by default'; File = 'src/ApprovalTools.Sandbox/Approval/ApprovalService.cs'
       Find = 'public bool RequireKnownApprovalCode { get; set; } = true;'; Replace = 'public bool RequireKnownApprovalCode { get; set; }' }
    @{ Name = 'Sandbox takes the code sent to definition create as a definition code'; File = 'src/ApprovalTools.Sandbox/Approval/DefinitionStore.cs'
       Find = 'return _byCode.TryGetValue(code, out var d) && CreateRequestRules.Str(d["approval_code"]) == code;'; Replace = 'return _byCode.ContainsKey(code);' }
    @{ Name = 'external_tasks matches nothing for an unknown code instead of refusing it'; File = 'src/ApprovalTools.Sandbox/Approval/ExternalTaskEndpoint.cs'
       Find = 'foreach (var unknown in codes.Where(c => !isDefinition(c)))'; Replace = 'foreach (var unknown in codes.Where(c => false))' }
    @{ Name = 'Standalone server drops --definition'; File = 'src/ApprovalTools.Sandbox.Server/ServerOptions.cs'
       Find = 'foreach (var code in Definitions) settings.ApprovalDefinitions.Add(code);'; Replace = '' }
    @{ Name = 'Raw requests get a bucket per method and path'; File = 'src/ApprovalTools.Core/Raw/RawEndpoints.cs'
       Find = 'Known(service).FirstOrDefault(t => t.Matches(method, segments))?.Endpoint ?? Other;'; Replace = 'method + " " + string.Join("/", segments);' }
    @{ Name = 'Endpoint templates take id segments literally'; File = 'src/ApprovalTools.Core/Http/EndpointTemplate.cs'
       Find = 'if (isId ? segments[i].Length == 0 : !string.Equals'; Replace = 'if (!string.Equals' }
    @{ Name = 'Unknown raw paths get a bucket per id'; File = 'src/ApprovalTools.Core/Raw/RawEndpoints.cs'
       Find = '?.Endpoint ?? Other;'; Replace = '?.Endpoint ?? method + " " + string.Join("/", segments);' }
    @{ Name = 'An unreadable echo looks readable (its error dropped)'; File = 'src/ApprovalTools.Core/Approval/Protocol/CreateInstanceResult.cs'
       Find = 'decoded = new Decoded(null, ex.Message);'; Replace = 'decoded = new Decoded(new FeishuEnvelope<CreateInstanceData> { Data = new CreateInstanceData() }, null); _ = ex;' }
    @{ Name = 'No verbose note for an unreadable echo'; File = 'src/ApprovalTools.Core/Approval/Protocol/FeishuApprovalClient.cs'
       Find = 'if (log != null && log.IsVerboseEnabled && result.EchoError != null)'; Replace = 'if (log != null && log.IsVerboseEnabled && result.EchoError != null && false)' }
    @{ Name = 'Sync result status from the instance even when the echo reads'; File = 'src/ApprovalTools.Core/Approval/Operations/SyncExternalInstanceOperation.cs'
       Find = 'Status = answer.Status ?? instance.Status,'; Replace = 'Status = instance.Status,' }
    @{ Name = 'An unknown echoed status read as Pending'; File = 'src/ApprovalTools.Core/Approval/Json/CreateAnswerHead.cs'
       Find = 'catch (JsonException)
            {
                return null;'; Replace = 'catch (JsonException)
            {
                return InstanceStatus.Pending;' }
    @{ Name = 'Response header lookup skips content headers'; File = 'src/ApprovalTools.Core/Http/ApiResponse.cs'
       Find = 'return message.Content != null && message.Content.Headers.TryGetValues(name, out values) ? Join(values) : null;'; Replace = 'return null;' }
    @{ Name = 'ThrottledPump lets one more than the limit in flight'; File = 'src/ApprovalTools.Core/Operations/ThrottledPump.cs'
       Find = 'while (_inFlight >= _limit) WaitForOne();'; Replace = 'while (_inFlight > _limit) WaitForOne();' }
    @{ Name = 'ThrottledPump starts work after a stop'; File = 'src/ApprovalTools.Core/Operations/ThrottledPump.cs'
       Find = 'ct.ThrowIfCancellationRequested();     // after a stop'; Replace = '// after a stop' }
    @{ Name = 'ThrottledPump writes one message per drain'; File = 'src/ApprovalTools.Core/Operations/ThrottledPump.cs'
       Find = '            while (_messages.TryDequeue(out var message)) message(_sink);'; Replace = '            if (_messages.TryDequeue(out var message)) message(_sink);' }
    @{ Name = 'ThrottledPump writes to the sink off the pipeline thread'; File = 'src/ApprovalTools.Core/Operations/ThrottledPump.cs'
       Find = '                _pump._finished.Enqueue(this);'; Replace = '                _pump._finished.Enqueue(this); while (_pump._messages.TryDequeue(out var m)) m(_pump._sink);' }
    @{ Name = 'ThrottledPump counts a cancelled item as reported'; File = 'src/ApprovalTools.Core/Operations/ThrottledPump.cs'
       Find = 'if (task.Status == TaskStatus.RanToCompletion)'; Replace = 'if (task.IsCompleted)' }
    @{ Name = 'ThrottledPump retires an item before its messages are written'; File = 'src/ApprovalTools.Core/Operations/ThrottledPump.cs'
       Find = 'while (_finished.TryDequeue(out var finished)) _settled.Add(finished);'; Replace = 'while (_finished.TryDequeue(out var finished)) Retire(finished);' }
    @{ Name = 'ThrottledPump swallows a stop'; File = 'src/ApprovalTools.Core/Operations/ThrottledPump.cs'
       Find = '                _cancelled = true;'; Replace = '                _cancelled = false;' }
    @{ Name = 'The code-0 fast path accepts data after the root object'; File = 'src/ApprovalTools.Core/Http/EnvelopeCode.cs'
       Find = ' && !reader.Read();'; Replace = ';' }
    @{ Name = 'The code-0 fast path accepts any code'; File = 'src/ApprovalTools.Core/Approval/Protocol/FeishuProtocol.cs'
       Find = ' && head == 0) return null;'; Replace = ') return null;' }
    @{ Name = 'The code-0 fast path ignores the HTTP status'; File = 'src/ApprovalTools.Core/Approval/Protocol/FeishuProtocol.cs'
       Find = 'if (response.Status >= 200 && response.Status < 300 && EnvelopeCode'; Replace = 'if (EnvelopeCode' }
) }
