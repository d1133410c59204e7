using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace ApprovalTools.HelpBuilder
{
    /// <summary>
    /// A compiled cmdlet as help needs it, read through CustomAttributeData (the System.Management.Automation in
    /// reach is the PowerShellStandard.Library stub: attributes are inspected, never run by an engine).
    /// </summary>
    public sealed class CmdletModel
    {
        public const string AllSets = "__AllParameterSets";

        public string Verb { get; private set; } = string.Empty;
        public string Noun { get; private set; } = string.Empty;
        public string Name => Verb + "-" + Noun;
        public bool SupportsShouldProcess { get; private set; }
        public bool SupportsPaging { get; private set; }
        public string? DefaultParameterSetName { get; private set; }
        public IReadOnlyList<Type> OutputTypes { get; private set; } = Array.Empty<Type>();

        /// <summary>The parameters help documents: the cmdlet's own (DontShow excluded) plus -First/-Skip/-IncludeTotalCount with SupportsPaging.</summary>
        public IReadOnlyList<ParameterModel> Parameters { get; private set; } = Array.Empty<ParameterModel>();

        /// <summary>Parameters marked DontShow: bound by PowerShell, hidden from syntax and help.</summary>
        public IReadOnlyList<string> HiddenParameters { get; private set; } = Array.Empty<string>();

        /// <summary>Named parameter sets (or the one unnamed set), default set first, the rest in declaration order.</summary>
        public IReadOnlyList<string> ParameterSets
        {
            get
            {
                var named = Parameters.SelectMany(p => p.Sets.Select(s => s.Name)).Where(n => n != AllSets).Distinct().ToList();
                if (named.Count == 0) return new[] { AllSets };
                if (DefaultParameterSetName != null && named.Remove(DefaultParameterSetName)) named.Insert(0, DefaultParameterSetName);
                return named;
            }
        }

        /// <summary>WhatIf/Confirm with SupportsShouldProcess: shown in syntax, described by the builder unless help overrides.</summary>
        public IReadOnlyList<string> RiskParameters => SupportsShouldProcess ? new[] { "WhatIf", "Confirm" } : Array.Empty<string>();

        public static IReadOnlyList<CmdletModel> FromAssembly(Assembly assembly) =>
            assembly.GetTypes()
                .Where(t => t.IsPublic && !t.IsAbstract && t.GetCustomAttributesData().Any(a => a.AttributeType.Name == "CmdletAttribute"))
                .Select(FromType)
                .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
                .ToList();

        public static CmdletModel FromType(Type type)
        {
            var cmdlet = type.GetCustomAttributesData().Single(a => a.AttributeType.Name == "CmdletAttribute");
            var model = new CmdletModel
            {
                Verb = (string)cmdlet.ConstructorArguments[0].Value!,
                Noun = (string)cmdlet.ConstructorArguments[1].Value!,
                SupportsShouldProcess = Named(cmdlet, "SupportsShouldProcess") is true,
                SupportsPaging = Named(cmdlet, "SupportsPaging") is true,
                DefaultParameterSetName = Named(cmdlet, "DefaultParameterSetName") as string,
                OutputTypes = type.GetCustomAttributesData().Where(a => a.AttributeType.Name == "OutputTypeAttribute")
                    .SelectMany(a => a.ConstructorArguments)
                    .SelectMany(arg => arg.Value is IEnumerable<CustomAttributeTypedArgument> many ? many.Select(m => m.Value) : new[] { arg.Value })
                    .OfType<Type>()
                    .ToList(),
            };

            var defaults = DefaultsOf(type);
            var parameters = new List<ParameterModel>();
            var hidden = new List<string>();
            foreach (var property in DeclarationOrder(type))
            {
                var attributes = property.GetCustomAttributesData().Where(a => a.AttributeType.Name == "ParameterAttribute").ToList();
                if (attributes.Count == 0) continue;
                if (attributes.Any(a => Named(a, "DontShow") is true))
                {
                    hidden.Add(property.Name);
                    continue;
                }
                parameters.Add(new ParameterModel(
                    property.Name,
                    property.PropertyType,
                    attributes.Select(a => new ParameterSetEntry(
                        Named(a, "ParameterSetName") as string ?? AllSets,
                        Named(a, "Mandatory") is true,
                        Named(a, "Position") as int? is int p && p >= 0 ? p : (int?)null,
                        Named(a, "ValueFromPipeline") is true,
                        Named(a, "ValueFromPipelineByPropertyName") is true)).ToList(),
                    StringsOf(property, "AliasAttribute"),
                    StringsOf(property, "ValidateSetAttribute"),
                    defaults.TryGetValue(property.Name, out var d) ? d : null));
            }
            if (model.SupportsPaging)
            {
                // Added by the engine for SupportsPaging (PagingParameters); their meaning is the cmdlet's to document.
                parameters.Add(Engine("IncludeTotalCount", typeof(bool), isSwitch: true));
                parameters.Add(Engine("Skip", typeof(ulong)));
                parameters.Add(Engine("First", typeof(ulong)));
            }
            model.Parameters = parameters;
            model.HiddenParameters = hidden;
            return model;
        }

        public ParameterModel? Parameter(string name) => Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

        private static ParameterModel Engine(string name, Type type, bool isSwitch = false) =>
            new ParameterModel(name, type, new[] { new ParameterSetEntry(AllSets, false, null, false, false) }, Array.Empty<string>(), Array.Empty<string>(), null,
                switchTypeName: isSwitch ? "System.Management.Automation.SwitchParameter" : null);

        private static object? Named(CustomAttributeData attribute, string name) =>
            attribute.NamedArguments.Where(a => a.MemberName == name).Select(a => a.TypedValue.Value).FirstOrDefault();

        private static IReadOnlyList<string> StringsOf(PropertyInfo property, string attributeName) =>
            property.GetCustomAttributesData().Where(a => a.AttributeType.Name == attributeName)
                .SelectMany(a => a.ConstructorArguments)
                .SelectMany(arg => arg.Value is IEnumerable<CustomAttributeTypedArgument> many ? many.Select(m => (string)m.Value!) : new[] { (string)arg.Value! })
                .ToList();

        /// <summary>The cmdlet's own properties first (in source order), then those of its base classes.</summary>
        private static IEnumerable<PropertyInfo> DeclarationOrder(Type type)
        {
            for (var t = type; t != null && t != typeof(object); t = t.BaseType)
            {
                foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).OrderBy(p => p.MetadataToken)) yield return p;
            }
        }

        /// <summary>
        /// The property initializers' values, formatted; none for null, false, 0, "" and empty arrays. C# runs field
        /// initializers before the base constructor, so they are read from an object whose constructor is run on an
        /// uninitialized instance, even if the stub PSCmdlet constructor throws.
        /// </summary>
        private static Dictionary<string, string> DefaultsOf(Type type)
        {
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            object instance;
            try
            {
                instance = RuntimeHelpers.GetUninitializedObject(type);
                var ctor = type.GetConstructor(Type.EmptyTypes);
                try
                {
                    ctor?.Invoke(instance, null);
                }
                catch (TargetInvocationException)
                {
                }
            }
            catch (Exception ex) when (ex is MemberAccessException || ex is ArgumentException || ex is NotSupportedException)
            {
                return result;
            }
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (!property.GetCustomAttributesData().Any(a => a.AttributeType.Name == "ParameterAttribute")) continue;
                object? value;
                try
                {
                    value = property.GetValue(instance);
                }
                catch (TargetInvocationException)
                {
                    continue;
                }
                var text = Format(value);
                if (text != null) result[property.Name] = text;
            }
            return result;
        }

        private static string? Format(object? value)
        {
            switch (value)
            {
                case null:
                case false:
                case string s when s.Length == 0:
                case ICollection c when c.Count == 0:
                    return null;
                case Enum e:
                    return e.ToString();
                case Uri u:
                    return u.OriginalString;
                case IFormattable f:
                    var text = f.ToString(null, CultureInfo.InvariantCulture);
                    return text == "0" ? null : text;
                default:
                    // SwitchParameter (IsPresent false by default) and anything without a readable value.
                    return value.GetType().Name == "SwitchParameter" ? null : value.ToString();
            }
        }
    }

    public sealed class ParameterSetEntry
    {
        public ParameterSetEntry(string name, bool mandatory, int? position, bool byValue, bool byPropertyName)
        {
            Name = name;
            Mandatory = mandatory;
            Position = position;
            ByValue = byValue;
            ByPropertyName = byPropertyName;
        }

        public string Name { get; }
        public bool Mandatory { get; }
        public int? Position { get; }
        public bool ByValue { get; }
        public bool ByPropertyName { get; }
    }

    public sealed class ParameterModel
    {
        private readonly string? _switchTypeName;

        public ParameterModel(string name, Type type, IReadOnlyList<ParameterSetEntry> sets, IReadOnlyList<string> aliases,
            IReadOnlyList<string> validateSet, string? defaultValue, string? switchTypeName = null)
        {
            Name = name;
            Type = Nullable.GetUnderlyingType(type) ?? type;
            Sets = sets;
            Aliases = aliases;
            ValidateSet = validateSet;
            DefaultValue = defaultValue;
            _switchTypeName = switchTypeName;
        }

        public string Name { get; }
        public Type Type { get; }
        public IReadOnlyList<ParameterSetEntry> Sets { get; }
        public IReadOnlyList<string> Aliases { get; }
        public IReadOnlyList<string> ValidateSet { get; }

        /// <summary>The initializer's value as text, or null when the parameter has none worth showing.</summary>
        public string? DefaultValue { get; }

        public bool IsSwitch => _switchTypeName != null || Type.Name == "SwitchParameter";
        public string TypeFullName => _switchTypeName ?? Type.FullName ?? Type.Name;
        public string TypeName => IsSwitch ? "SwitchParameter" : Type.Name;

        /// <summary>ValidateSet values, else the names of an enum type (or of an enum array's element).</summary>
        public IReadOnlyList<string> AcceptedValues
        {
            get
            {
                if (ValidateSet.Count > 0) return ValidateSet;
                var element = Type.IsArray ? Type.GetElementType()! : Type;
                return element.IsEnum ? Enum.GetNames(element) : Array.Empty<string>();
            }
        }

        public bool InAllSets => Sets.Any(s => s.Name == CmdletModel.AllSets);
        public ParameterSetEntry? In(string set) => Sets.FirstOrDefault(s => s.Name == set) ?? Sets.FirstOrDefault(s => s.Name == CmdletModel.AllSets);
        public bool Mandatory => Sets.All(s => s.Mandatory);
        public int? Position => Sets.Select(s => s.Position).FirstOrDefault(p => p != null);
        public bool ByValue => Sets.Any(s => s.ByValue);
        public bool ByPropertyName => Sets.Any(s => s.ByPropertyName);

        public static string PipelineText(bool byValue, bool byPropertyName) =>
            byValue && byPropertyName ? "True (ByValue, ByPropertyName)" : byValue ? "True (ByValue)" : byPropertyName ? "True (ByPropertyName)" : "False";
    }
}
