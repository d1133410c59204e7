using System.Management.Automation;
using System.Text.Json;

namespace ApprovalTools.Infrastructure
{
    /// <summary>
    /// JSON as ConvertFrom-Json shows it: objects as PSCustomObjects, arrays as object[], whole numbers as long (else
    /// double), strings, booleans and null.
    /// </summary>
    internal static class JsonPSObjects
    {
        public static object? From(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var result = new PSObject();
                    foreach (var property in element.EnumerateObject()) result.Properties.Add(new PSNoteProperty(property.Name, From(property.Value)));
                    return result;
                case JsonValueKind.Array:
                    var items = new object?[element.GetArrayLength()];
                    var i = 0;
                    foreach (var item in element.EnumerateArray()) items[i++] = From(item);
                    return items;
                case JsonValueKind.String: return element.GetString();
                case JsonValueKind.Number: return element.TryGetInt64(out var whole) ? whole : (object)element.GetDouble();
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                default: return null;
            }
        }
    }
}
