using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using ApprovalTools.Core.Approval.Json;
using ApprovalTools.Core.Approval.Models;
using ApprovalTools.Core.Approval.Validation;

namespace ApprovalTools.Core.Approval.Input
{
    /// <summary>An input item turned into what the check call compares.</summary>
    public sealed class PreparedCheck
    {
        internal PreparedCheck(CheckInstance check, bool isFullInstance)
        {
            Check = check;
            IsFullInstance = isFullInstance;
        }

        public CheckInstance Check { get; }

        /// <summary>False for id + update_time + tasks records, which can be tested but not resynced.</summary>
        public bool IsFullInstance { get; }
    }

    /// <summary>An input item the host could not convert; read as a violation naming why.</summary>
    internal sealed class UnreadableInput
    {
        public UnreadableInput(string reason) => Reason = reason;

        public string Reason { get; }
    }

    /// <summary>
    /// The input converter: typed <see cref="ExternalInstance"/>, hashtables (PowerShell or wire names, any casing),
    /// the raw wire shape (dictionaries and lists, as the cmdlet makes of ConvertFrom-Json output) and JSON text.
    /// </summary>
    public static class ExternalInstanceInput
    {
        /// <summary>Normalizes, validates and serializes one item for a sync in <paramref name="mode"/>; null when there are violations.</summary>
        public static PreparedInstance? Prepare(object? input, UpdateMode mode, List<FieldViolation> violations)
        {
            var buffer = _buffer ??= new MemoryStream(4096);
            buffer.SetLength(0);
            var json = _writer ??= new Utf8JsonWriter(buffer);
            json.Reset(buffer);
            // One pass: the body is written as the input is read, and what is sent is what was validated.
            var writer = new WireWriter(violations, ignoreUnknown: false, json, mode == UpdateMode.Replace ? "REPLACE" : "UPDATE");
            var wire = Read(input, writer, violations);
            json.Flush();
            if (wire == null) return null;
            ExternalInstanceValidator.Validate(wire, mode, violations);
            violations.AddRange(writer.SizeViolations);
            if (violations.Count > 0) return null;
            var body = buffer.ToArray();
            if (buffer.Capacity > 1 << 20) _buffer = null;
            return new PreparedInstance(wire, body);
        }

        /// <summary>One buffer and writer per thread, reused: items are prepared one at a time on the pipeline thread.</summary>
        [ThreadStatic] private static MemoryStream? _buffer;
        [ThreadStatic] private static Utf8JsonWriter? _writer;

        /// <summary>Reads what the check call needs (instance_id, update_time, tasks[task_id, update_time]); other fields are ignored.</summary>
        public static PreparedCheck? PrepareCheck(object? input, List<FieldViolation> violations)
        {
            var wire = ToWire(input, ignoreUnknown: true, violations);
            if (wire == null) return null;
            var rules = new ExternalInstanceValidator.Rules(violations);
            var id = rules.RequiredText(wire, "instance_id", "");
            var time = rules.Time(wire, "update_time", "", required: true);
            var check = new CheckInstance { InstanceId = id };
            if (time != null) check.UpdateTime = UnixMs.ToTime(time.Value);
            var tasks = wire.List("task_list");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < tasks.Count; i++)
            {
                var path = $"task_list[{i}]";
                var task = tasks[i];
                var taskId = rules.RequiredText(task, "task_id", path);
                var taskTime = rules.Time(task, "update_time", path, required: true, why: "required to check a task");
                if (taskId != null && !seen.Add(taskId)) violations.Add(new FieldViolation(path + ".task_id", $"'{taskId}' is given twice"));
                if (taskId != null && taskTime != null) check.Tasks.Add(new CheckTask { TaskId = taskId, UpdateTime = UnixMs.ToTime(taskTime.Value) });
            }
            if (violations.Count > 0) return null;
            return new PreparedCheck(check, wire.Has("approval_code"));
        }

        /// <summary>
        /// The host's input adapter, made safe: an item it cannot convert (a PowerShell object whose enumeration throws)
        /// becomes a value that <see cref="Prepare"/> and <see cref="PrepareCheck"/> report as this item's violation.
        /// </summary>
        public static Func<object?, object?> Guarded(Func<object?, object?>? adapter) => item =>
        {
            if (adapter == null) return item;
            try
            {
                return adapter(item);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                return new UnreadableInput(ex.Message);
            }
        };

        private static WireRecord? ToWire(object? input, bool ignoreUnknown, List<FieldViolation> violations) =>
            Read(input, new WireWriter(violations, ignoreUnknown), violations);

        /// <summary>Dictionaries are read in place; any other input is first made a neutral tree.</summary>
        private static WireRecord? Read(object? input, WireWriter writer, List<FieldViolation> violations)
        {
            var raw = InputTree.IsDictionary(input);
            var tree = input;
            if (!raw && !TryGeneric(input, violations, out tree)) return null;
            var before = violations.Count;
            try
            {
                return writer.Object(tree, WireSchema.Instance, raw);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                // As GenericValue.From's own failures: the item's one violation, whatever was found before it.
                violations.RemoveRange(before, violations.Count - before);
                violations.Add(new FieldViolation("instance", "cannot be read: " + ex.Message));
                return null;
            }
        }

        /// <summary>The input as a neutral tree; false (with the reason in <paramref name="violations"/>) when it cannot be read or is a list.</summary>
        private static bool TryGeneric(object? input, List<FieldViolation> violations, out object? generic)
        {
            try
            {
                generic = GenericValue.From(input);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                // Any input (a NaN, a getter that throws, a date out of range) ends as this item's error, never the pipeline's.
                violations.Add(new FieldViolation("instance", "cannot be read: " + ex.Message));
                generic = null;
                return false;
            }
            if (generic is List<object?>)
            {
                violations.Add(new FieldViolation("instance", "is a list: pipe the items one by one (ConvertFrom-Json unrolls a JSON array)"));
                return false;
            }
            return true;
        }

        /// <summary>"instance 'x': field: rule; field: rule".</summary>
        public static string Describe(object? input, IEnumerable<FieldViolation> violations)
        {
            var list = violations.ToList();
            var id = IdOf(input);
            return (id == null ? "Invalid external instance" : $"Invalid external instance '{id}'") + ": "
                + string.Join("; ", list.Select(v => v.ToString())) + ". Nothing was sent for it.";
        }

        /// <summary>Best-effort instance id of a raw input item, for messages and ShouldProcess targets.</summary>
        public static string? IdOf(object? input)
        {
            try
            {
                var ignored = new List<FieldViolation>();
                var wire = ToWire(input, ignoreUnknown: true, ignored);
                return wire?.Text("instance_id");
            }
            catch (Exception)
            {
                return null;
            }
        }
    }
}
