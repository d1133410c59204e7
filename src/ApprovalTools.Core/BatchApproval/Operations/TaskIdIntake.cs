using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using ApprovalTools.Core.Operations;

namespace ApprovalTools.Core.BatchApproval.Operations
{
    /// <summary>
    /// Turns input items into task ids: a string (or a whole number) is the id; a dictionary or object gives its TaskId,
    /// task_id or Id, which must itself be text or a whole number. Anything else is an error record (target = the input):
    /// an id is never made from a type name or a formatted object. Repeated ids are dropped once seen (verbose per id,
    /// one warning with the count at the end), so each task is sent at most once per command.
    /// </summary>
    public sealed class TaskIdIntake
    {
        private static readonly string[] Names = { "TaskId", "task_id", "Id" };
        private const int DuplicatesNamed = 10;
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.Ordinal);
        private readonly List<string> _duplicateIds = new List<string>();
        private bool _moreDuplicateIds;
        private readonly Func<object?, object?> _adapt;

        /// <param name="adapter">Turns a host object into a plain one before its id is read (errors keep the original item as target).</param>
        public TaskIdIntake(Func<object?, object?>? adapter = null) => _adapt = adapter ?? (x => x);

        public int Received { get; private set; }

        public int Duplicates { get; private set; }

        public int Invalid { get; private set; }

        /// <summary>The id to work on, or null when the item was reported (invalid) or already seen.</summary>
        public string? Accept(object? input, IOperationSink sink)
        {
            Received++;
            string? id, errorId, problem;
            try
            {
                id = Read(_adapt(input), out errorId, out problem)?.Trim();
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                (id, errorId, problem) = (null, "BatchTaskIdMissing", "The input cannot be read: " + ex.Message);
            }
            if (id != null && id.Length == 0)
            {
                errorId = "BatchTaskIdEmpty";
                problem = "A task id is empty";
            }
            if (problem != null)
            {
                Invalid++;
                sink.Fail(OperationError.Invalid(errorId!, problem + " (input item " + Received + "); a task id is required. Nothing was sent for it.", input ?? string.Empty));
                return null;
            }
            if (!_seen.Add(id!))
            {
                Duplicates++;
                if (!_duplicateIds.Contains(id!))
                {
                    if (_duplicateIds.Count < DuplicatesNamed) _duplicateIds.Add(id!);
                    else _moreDuplicateIds = true;
                }
                sink.Verbose("Task id " + id + " appears again (input item " + Received + "); duplicates are dropped, it is sent once.");
                return null;
            }
            return id;
        }

        /// <summary>At the end of input: one warning when ids were given more than once.</summary>
        public void WarnAboutDuplicates(IOperationSink sink)
        {
            if (Duplicates == 0) return;
            var named = string.Join(", ", _duplicateIds) + (_moreDuplicateIds ? ", …" : string.Empty);
            sink.Warning($"{Duplicates} duplicate task id(s) were dropped, each task is handled once: {named}");
        }

        /// <summary>The task id an input item carries; null with an error id and a problem when it has none that can be used.</summary>
        private static string? Read(object? input, out string? errorId, out string? problem)
        {
            errorId = null;
            problem = null;
            if (input == null || input is string || IsWholeNumber(input)) return Text(input, "the input", out errorId, out problem);
            object? value;
            try
            {
                if (!TryGet(input, out value))
                {
                    errorId = "BatchTaskIdMissing";
                    problem = $"The input ({Describe(input)}) has no TaskId, task_id or Id";
                    return null;
                }
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                errorId = "BatchTaskIdMissing";
                problem = $"The TaskId of the input ({Describe(input)}) cannot be read: {(ex as TargetInvocationException)?.InnerException?.Message ?? ex.Message}";
                return null;
            }
            return Text(value, "its TaskId", out errorId, out problem);
        }

        private static string? Text(object? value, string what, out string? errorId, out string? problem)
        {
            errorId = null;
            problem = null;
            switch (value)
            {
                case null:
                    errorId = "BatchTaskIdEmpty";
                    problem = "A task id is empty";
                    return null;
                case string text: return text;
                case var number when IsWholeNumber(number): return Convert.ToString(number, CultureInfo.InvariantCulture);
                default:
                    errorId = "BatchTaskIdInvalid";
                    problem = $"{what} is a {value.GetType().Name}, not a task id (text or a whole number)";
                    return null;
            }
        }

        private static bool TryGet(object input, out object? value)
        {
            if (input is IDictionary dictionary)
            {
                foreach (var name in Names)
                {
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        if (string.Equals(entry.Key as string, name, StringComparison.OrdinalIgnoreCase))
                        {
                            value = entry.Value;
                            return true;
                        }
                    }
                }
                value = null;
                return false;
            }
            foreach (var name in Names)
            {
                var property = input.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
                if (property != null && property.GetIndexParameters().Length == 0)
                {
                    value = property.GetValue(input);
                    return true;
                }
            }
            value = null;
            return false;
        }

        private static bool IsWholeNumber(object? value) =>
            value is int || value is long || value is short || value is byte || value is uint || value is ulong || value is ushort || value is sbyte;

        private static string Describe(object input) =>
            input is IDictionary d ? "keys " + (d.Count == 0 ? "none" : string.Join(", ", d.Keys.Cast<object>().Take(5))) : "a " + input.GetType().Name;
    }
}
