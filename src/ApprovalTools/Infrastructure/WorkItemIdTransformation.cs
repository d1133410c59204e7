using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;

namespace ApprovalTools.Infrastructure
{
    /// <summary>
    /// Lets a work item id parameter that takes pipeline input by value read numbers (ConvertFrom-Json and [int]
    /// literals) as their digits, and an object that carries the id (WorkItemId / work_item_id, e.g. a
    /// [pscustomobject] with a numeric id) as that id, instead of binding the whole object's text as an id.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class WorkItemIdTransformationAttribute : ArgumentTransformationAttribute
    {
        private static readonly string[] Names = { "WorkItemId", "work_item_id" };

        public override object? Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is IEnumerable many && !(value is string))
            {
                var ids = new List<object?>();
                foreach (var item in many) ids.Add(One(item));
                return ids.ToArray();
            }
            return One(inputData);
        }

        private static object? One(object? item)
        {
            var value = item is PSObject wrapped ? wrapped.BaseObject : item;
            if (value is IConvertible number && !(value is string) && !(value is bool) && !(value is char))
            {
                return Convert.ToString(number, CultureInfo.InvariantCulture);
            }
            if (item is PSObject carrier && value is PSCustomObject)
            {
                foreach (var name in Names)
                {
                    if (carrier.Properties[name] is { } property) return One(property.Value);
                }
            }
            return item;
        }
    }
}
