using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ApprovalTools.Core.Project
{
    /// <summary>
    /// Loose input (hashtables, dictionaries of strings, and ConvertFrom-Json / Import-Csv objects once the cmdlet's
    /// PSObjectAdapter has made them plain dictionaries) into the typed models.
    /// Keys match PowerShell names or wire names, case-insensitively and ignoring underscores (EstimateStartDate,
    /// estimate_start_date). A bad value throws <see cref="ArgumentException"/> naming the field and the rule.
    /// </summary>
    public static class ProjectInput
    {
        private static readonly char[] ListSeparators = { ',', ';' };

        public static NodeOperationRequest ToRequest(object item)
        {
            var value = item;
            if (value is NodeOperationRequest request) return request;
            var map = Map(value, "input");
            return new NodeOperationRequest
            {
                ProjectKey = Text(Get(map, "projectkey")),
                WorkItemTypeKey = Text(Get(map, "workitemtypekey")),
                WorkItemId = Text(Get(map, "workitemid")),
                NodeId = Text(Get(map, "nodeid")),
                Action = ToAction(Get(map, "action")),
                RollbackReason = Text(Get(map, "rollbackreason")),
                NodeOwners = Owners(Get(map, "nodeowners")),
                NodeSchedule = Get(map, "nodeschedule") is { } s ? ToSchedule(s, "node_schedule") : null,
                Schedules = ToList(Get(map, "schedules"), "schedules", ToSchedule),
                Fields = ToList(Get(map, "fields"), "fields", ToField),
                RoleAssignee = ToList(Get(map, "roleassignee"), "role_assignee", ToRole),
            };
        }

        /// <summary>
        /// Owners from loose input: a blank cell (CSV) means "no change", never "remove all" (only a real empty list does
        /// that); a string holds user keys separated by ',' or ';'.
        /// </summary>
        private static List<string>? Owners(object? value)
        {
            if (value == null || value is string blank && blank.Trim().Length == 0) return null;
            if (value is string joined) return joined.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries).Select(k => k.Trim()).Where(k => k.Length > 0).ToList();
            return ToStringList(value, "node_owners");
        }

        public static NodeAction? ToAction(object? value)
        {
            var text = Text(value);
            if (text == null) return null;
            if (Enum.TryParse<NodeAction>(text.Trim(), true, out var action) && Enum.IsDefined(typeof(NodeAction), action)) return action;
            throw new ArgumentException($"action '{text}' is not valid: use Confirm, Rollback or Update.");
        }

        public static NodeSchedule ToSchedule(object value, string name)
        {
            if (value is NodeSchedule schedule) return schedule;
            var map = Map(value, name);
            Allow(map, name, "points", "estimatestartdate", "estimateenddate", "owners", "actualworktime", "isauto", "plannedconstructionperiod");
            return new NodeSchedule
            {
                Points = Number(Get(map, "points"), name + ".points"),
                EstimateStartDate = ToDate(Get(map, "estimatestartdate"), name + ".estimate_start_date"),
                EstimateEndDate = ToDate(Get(map, "estimateenddate"), name + ".estimate_end_date"),
                Owners = ToStringList(Get(map, "owners"), name + ".owners"),
                ActualWorkTime = Number(Get(map, "actualworktime"), name + ".actual_work_time"),
                IsAuto = Bool(Get(map, "isauto"), name + ".is_auto"),
                PlannedConstructionPeriod = (int?)Whole(Get(map, "plannedconstructionperiod"), name + ".planned_construction_period", int.MinValue, int.MaxValue),
            };
        }

        public static FieldValuePair ToField(object value, string name)
        {
            if (value is FieldValuePair field) return field;
            var map = Map(value, name);
            Allow(map, name, "fieldkey", "fieldalias", "fieldtypekey", "fieldvalue", "targetstate", "fieldname");
            return new FieldValuePair
            {
                FieldKey = Text(Get(map, "fieldkey")),
                FieldAlias = Text(Get(map, "fieldalias")),
                FieldTypeKey = Text(Get(map, "fieldtypekey")),
                FieldValue = Get(map, "fieldvalue"),
                TargetState = Get(map, "targetstate") is { } target ? ToTargetState(target, name + ".target_state") : null,
                FieldName = Text(Get(map, "fieldname")),
            };
        }

        public static TargetState ToTargetState(object value, string name)
        {
            if (value is TargetState state) return state;
            var map = Map(value, name);
            Allow(map, name, "statekey", "transitionid");
            return new TargetState
            {
                StateKey = Text(Get(map, "statekey")),
                TransitionId = Whole(Get(map, "transitionid"), name + ".transition_id", long.MinValue, long.MaxValue),
            };
        }

        public static RoleOwner ToRole(object value, string name)
        {
            if (value is RoleOwner role) return role;
            var map = Map(value, name);
            Allow(map, name, "role", "name", "owners");
            return new RoleOwner
            {
                Role = Text(Get(map, "role")),
                Name = Text(Get(map, "name")),
                Owners = ToStringList(Get(map, "owners"), name + ".owners"),
            };
        }

        /// <summary>null stays null; one string is a one-element list; any list becomes strings.</summary>
        public static List<string>? ToStringList(object? value, string name)
        {
            if (value == null) return null;
            if (value is string one) return new List<string> { one };
            if (value is IEnumerable many && !(value is IDictionary))
            {
                return many.Cast<object?>().Select(v => Text(v) ?? throw new ArgumentException($"{name} contains an empty entry.")).ToList();
            }
            return new List<string> { Text(value)! };
        }

        /// <summary>
        /// A schedule date: DateTime/DateTimeOffset, a date string, or Unix milliseconds (13 digits). A 10-digit number is
        /// refused as "seconds, not milliseconds" rather than silently sent as a date in January 1970.
        /// </summary>
        public static DateTimeOffset? ToDate(object? value, string name)
        {
            switch (value)
            {
                case null: return null;
                case DateTimeOffset dto: return dto;
                case DateTime dt: return new DateTimeOffset(dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Local) : dt);
                case string s when s.Trim().Length > 0 && s.Trim().All(char.IsDigit):
                    return FromMilliseconds(decimal.Parse(s.Trim(), CultureInfo.InvariantCulture), name);
                case string s:
                    if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var parsed)) return parsed;
                    throw new ArgumentException($"{name} '{s}' is not a date or Unix milliseconds.");
                default:
                    try
                    {
                        return FromMilliseconds(Convert.ToDecimal(value, CultureInfo.InvariantCulture), name);
                    }
                    catch (Exception ex) when (ex is FormatException || ex is InvalidCastException || ex is OverflowException)
                    {
                        throw new ArgumentException($"{name} '{value}' is not a date or Unix milliseconds.");
                    }
            }
        }

        private static DateTimeOffset FromMilliseconds(decimal ms, string name)
        {
            if (ms != decimal.Truncate(ms) || ms < 1_000_000_000_000m || ms >= 10_000_000_000_000m)
            {
                throw new ArgumentException($"{name} {ms} must be a Unix timestamp in milliseconds (13 digits)"
                    + (ms >= 1_000_000_000m && ms < 10_000_000_000m ? "; it looks like seconds: multiply by 1000." : "."));
            }
            return DateTimeOffset.FromUnixTimeMilliseconds((long)ms);
        }

        private static double? Number(object? value, string name)
        {
            if (value == null || value is string s && s.Trim().Length == 0) return null;
            double number;
            try { number = Convert.ToDouble(value, CultureInfo.InvariantCulture); }
            catch (Exception ex) when (ex is FormatException || ex is InvalidCastException || ex is OverflowException)
            {
                throw new ArgumentException($"{name} '{value}' is not a number.");
            }
            if (double.IsNaN(number) || double.IsInfinity(number)) throw new ArgumentException($"{name} '{value}' is not a finite number.");
            return number;
        }

        private static bool? Bool(object? value, string name)
        {
            switch (value)
            {
                case null: return null;
                case bool b: return b;
                case string s when s.Trim().Length == 0: return null;
                case string s when bool.TryParse(s.Trim(), out var parsed): return parsed;
                default: throw new ArgumentException($"{name} '{value}' must be true or false.");
            }
        }

        private static long? Whole(object? value, string name, long min, long max)
        {
            if (value == null || value is string s && s.Trim().Length == 0) return null;
            try
            {
                var number = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                if (number == decimal.Truncate(number) && number >= min && number <= max) return (long)number;
            }
            catch (Exception ex) when (ex is FormatException || ex is InvalidCastException || ex is OverflowException)
            {
            }
            throw new ArgumentException($"{name} '{value}' is not a whole number between {min} and {max}.");
        }

        private static List<T>? ToList<T>(object? value, string name, Func<object, string, T> convert)
        {
            if (value == null) return null;
            var items = value is IEnumerable many && !(value is string) && !(value is IDictionary) ? many.Cast<object>() : new[] { value };
            return items.Select((item, i) => convert(item, $"{name}[{i}]")).ToList();
        }

        private static string? Text(object? value)
        {
            if (value == null) return null;
            var text = Convert.ToString(value, CultureInfo.InvariantCulture);
            return string.IsNullOrWhiteSpace(text) ? null : text!.Trim();
        }

        private static Dictionary<string, object?> Map(object? value, string name)
        {
            if (!(value is IDictionary dictionary))
            {
                throw new ArgumentException($"{name} must be a hashtable or an object with properties, not '{value?.GetType().Name ?? "null"}'.");
            }
            var map = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in dictionary)
            {
                var key = Normalize(Convert.ToString(entry.Key, CultureInfo.InvariantCulture));
                map[key] = entry.Value;
            }
            return map;
        }

        private static void Allow(Dictionary<string, object?> map, string name, params string[] keys)
        {
            var unknown = map.Keys.Where(k => !keys.Contains(k)).ToList();
            if (unknown.Count > 0)
            {
                throw new ArgumentException($"{name} has unknown key(s) {string.Join(", ", unknown)}; allowed: {string.Join(", ", keys)} (wire names with underscores work too).");
            }
        }

        private static string Normalize(string? key) => (key ?? string.Empty).Replace("_", string.Empty).Replace("-", string.Empty).ToLowerInvariant();

        private static object? Get(Dictionary<string, object?> map, string key) => map.TryGetValue(key, out var v) ? v : null;
    }
}
