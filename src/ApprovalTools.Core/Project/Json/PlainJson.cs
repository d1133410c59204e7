using System.Collections.Generic;
using System.Text.Json;

namespace ApprovalTools.Core.Project.Json
{
    /// <summary>
    /// A JSON value as plain .NET data: objects as ordered string-keyed dictionaries, arrays as object arrays, whole
    /// numbers as long (as double when they do not fit), strings, booleans and null.
    /// </summary>
    public static class PlainJson
    {
        public static object? From(System.Text.Json.Nodes.JsonNode? node)
        {
            if (node == null) return null;
            using var document = JsonDocument.Parse(node.ToJsonString());
            return From(document.RootElement);
        }

        public static object? From(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var map = new Dictionary<string, object?>();
                    foreach (var property in element.EnumerateObject()) map[property.Name] = From(property.Value);
                    return map;
                case JsonValueKind.Array:
                    var list = new List<object?>();
                    foreach (var item in element.EnumerateArray()) list.Add(From(item));
                    return list.ToArray();
                case JsonValueKind.String:
                    return element.GetString();
                case JsonValueKind.Number:
                    return element.TryGetInt64(out var whole) ? whole : (object)element.GetDouble();
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }
    }
}
