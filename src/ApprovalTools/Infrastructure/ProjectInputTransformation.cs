using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using ApprovalTools.Core.Project;

namespace ApprovalTools.Infrastructure
{
    /// <summary>
    /// Lets -NodeSchedule, -Schedule, -Field and -RoleAssignee take typed objects, hashtables with PowerShell or wire
    /// key names, or ConvertFrom-Json objects; Core's <see cref="ProjectInput"/> does the work and names the bad key.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ProjectInputTransformationAttribute : ArgumentTransformationAttribute
    {
        private readonly Type _target;

        public ProjectInputTransformationAttribute(Type target) => _target = target;

        public override object? Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = PSObjectAdapter.ToPlain(inputData);
            if (value == null) return null;
            try
            {
                if (_target == typeof(NodeSchedule)) return ProjectInput.ToSchedule(value, "NodeSchedule");
                var items = value is IEnumerable many && !(value is string) && !(value is IDictionary) ? many : new[] { value };
                var name = _target.Name;
                var i = 0;
                if (_target == typeof(NodeSchedule[])) return Convert(items, o => ProjectInput.ToSchedule(o, $"Schedule[{i++}]"));
                if (_target == typeof(FieldValuePair[])) return Convert(items, o => ProjectInput.ToField(o, $"Field[{i++}]"));
                if (_target == typeof(RoleOwner[])) return Convert(items, o => ProjectInput.ToRole(o, $"RoleAssignee[{i++}]"));
                throw new ArgumentException("No conversion to " + name + ".");
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentTransformationMetadataException(ex.Message, ex);
            }
        }

        private static T[] Convert<T>(IEnumerable items, Func<object, T> convert)
        {
            var list = new List<T>();
            foreach (var item in items) list.Add(convert(item!));
            return list.ToArray();
        }
    }
}
