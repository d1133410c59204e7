using System;
using System.Text.Json;
using ApprovalTools.Core.Approval.Models;

namespace ApprovalTools.Core.Approval.Json
{
    /// <summary>
    /// Reads data.data.status and data.data.approval_code of a create answer with a forward-only reader, without
    /// building the echoed instance: what a sync result shows at once. A value counts only as the serializer would read
    /// it (a status this client knows, a code that is a string); anything else leaves it null, and the caller falls
    /// back to what it sent.
    /// </summary>
    internal static class CreateAnswerHead
    {
        public static void Read(byte[] answer, out InstanceStatus? status, out string? approvalCode)
        {
            status = null;
            approvalCode = null;
            try
            {
                var reader = new Utf8JsonReader(answer);
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return;
                if (!EnterObject(ref reader, "data"u8) || !EnterObject(ref reader, "data"u8)) return;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("status"u8))
                    {
                        reader.Read();
                        status = Status(ref reader);
                    }
                    else if (reader.ValueTextEquals("approval_code"u8))
                    {
                        reader.Read();
                        approvalCode = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
            catch (JsonException)
            {
                // Not JSON past this point: what was read before stays, the rest is left to the sent values.
            }
        }

        /// <summary>Moves into the value of the current object's property <paramref name="name"/>, when it is an object.</summary>
        private static bool EnterObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var match = reader.ValueTextEquals(name);
                reader.Read();
                if (match) return reader.TokenType == JsonTokenType.StartObject;
                reader.Skip();
            }
            return false;
        }

        /// <summary>The status through the model's own converter, so the same spellings count; null for any other value.</summary>
        private static InstanceStatus? Status(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.String) return null;
            try
            {
                return JsonSerializer.Deserialize(ref reader, ApprovalJsonContext.Default.InstanceStatus);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
