using System.Text.Json;
using System.Threading;
using ApprovalTools.Core.Approval.Json;
using ApprovalTools.Core.Approval.Models;

namespace ApprovalTools.Core.Approval.Protocol
{
    /// <summary>
    /// The answer to one create (sync) call. The echoed instance (data.data) is a whole instance, and a sync rarely
    /// looks at it, so the answer's bytes are kept and the echo is deserialized when <see cref="Echo"/>,
    /// <see cref="ProcessRecord"/> or <see cref="EchoError"/> is first read; the status and approval_code a result shows
    /// are read from the bytes at once (<see cref="CreateAnswerHead"/>). Safe to read from several threads.
    /// </summary>
    public sealed class CreateInstanceResult
    {
        private readonly byte[] _answer;
        private Decoded? _decoded;

        internal CreateInstanceResult(byte[] answer, string? logId)
        {
            _answer = answer;
            LogId = logId;
            CreateAnswerHead.Read(answer, out var status, out var approvalCode);
            Status = status;
            ApprovalCode = approvalCode;
        }

        public string? LogId { get; }

        /// <summary>data.data.status, when the answer has it and it is a status this client knows; otherwise null.</summary>
        public InstanceStatus? Status { get; }

        /// <summary>data.data.approval_code, when the answer has it as a string; otherwise null.</summary>
        public string? ApprovalCode { get; }

        /// <summary>What the server echoed (data.data); null when the answer has none or it could not be read.</summary>
        public ExternalInstance? Echo => Decode().Envelope?.Data?.Data;

        /// <summary>The server's insert/update/delete counts (data.process_record), when the answer carries them and reads.</summary>
        public ProcessRecord? ProcessRecord => Decode().Envelope?.Data?.ProcessRecord;

        /// <summary>Why the answer's data could not be read (the deserializer's message, with its JSON path); null when it was read.</summary>
        public string? EchoError => Decode().Error;

        private Decoded Decode()
        {
            var decoded = Volatile.Read(ref _decoded);
            if (decoded != null) return decoded;
            try
            {
                decoded = new Decoded(JsonSerializer.Deserialize(_answer, ApprovalJsonContext.Default.FeishuEnvelopeCreateInstanceData), null);
            }
            catch (JsonException ex)
            {
                decoded = new Decoded(null, ex.Message);
            }
            // Two threads may decode at once; both get the same values, and the first one published is kept.
            return Interlocked.CompareExchange(ref _decoded, decoded, null) ?? decoded;
        }

        private sealed class Decoded
        {
            public Decoded(FeishuEnvelope<CreateInstanceData>? envelope, string? error)
            {
                Envelope = envelope;
                Error = error;
            }

            public FeishuEnvelope<CreateInstanceData>? Envelope { get; }
            public string? Error { get; }
        }
    }
}
