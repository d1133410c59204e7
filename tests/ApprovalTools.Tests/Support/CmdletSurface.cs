using System.Reflection;

namespace ApprovalTools.Tests.Support
{
    /// <summary>
    /// Reads a cmdlet's compiled attributes through CustomAttributeData (PowerShellStandard.Library is a stub,
    /// so the attributes are inspected, never executed by an engine).
    /// </summary>
    public sealed class CmdletSurface
    {
        private readonly Type _type;

        public CmdletSurface(Type type) => _type = type;

        public static CmdletSurface Of<T>() => new(typeof(T));

        private CustomAttributeData CmdletAttribute =>
            _type.GetCustomAttributesData().Single(a => a.AttributeType.Name == "CmdletAttribute");

        public string Verb => (string)CmdletAttribute.ConstructorArguments[0].Value!;
        public string Noun => (string)CmdletAttribute.ConstructorArguments[1].Value!;
        public string Name => Verb + "-" + Noun;

        public object? Named(string name) => CmdletAttribute.NamedArguments.Where(a => a.MemberName == name).Select(a => a.TypedValue.Value).FirstOrDefault();

        public bool SupportsShouldProcess => Named("SupportsShouldProcess") is true;

        /// <summary>"Low", "Medium" (the default when unset) or "High".</summary>
        public string ConfirmImpact => Named("ConfirmImpact") is int i ? new[] { "None", "Low", "Medium", "High" }[i] : "Medium";

        public string? DefaultParameterSetName => Named("DefaultParameterSetName") as string;

        public IReadOnlyList<string> OutputTypeNames =>
            _type.GetCustomAttributesData().Where(a => a.AttributeType.Name == "OutputTypeAttribute")
                .SelectMany(a => a.ConstructorArguments)
                .SelectMany(arg => arg.Value is IEnumerable<CustomAttributeTypedArgument> many ? many.Select(m => m.Value) : new[] { arg.Value })
                .Select(v => v is Type t ? t.FullName! : v?.ToString() ?? "")
                .ToList();

        public IReadOnlyList<ParameterSurface> Parameters =>
            _type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetCustomAttributesData().Any(a => a.AttributeType.Name == "ParameterAttribute"))
                .Select(p => new ParameterSurface(p))
                .ToList();

        public ParameterSurface Parameter(string name) => Parameters.Single(p => p.Name == name);
    }

    public sealed class ParameterSurface
    {
        private readonly PropertyInfo _property;

        public ParameterSurface(PropertyInfo property) => _property = property;

        public string Name => _property.Name;
        public Type Type => _property.PropertyType;

        private IEnumerable<CustomAttributeData> ParameterAttributes => _property.GetCustomAttributesData().Where(a => a.AttributeType.Name == "ParameterAttribute");

        private static object? Arg(CustomAttributeData a, string name) => a.NamedArguments.Where(n => n.MemberName == name).Select(n => n.TypedValue.Value).FirstOrDefault();

        /// <summary>Parameter set names this parameter belongs to ("__AllParameterSets" when unnamed).</summary>
        public IReadOnlyList<string> Sets => ParameterAttributes.Select(a => Arg(a, "ParameterSetName") as string ?? "__AllParameterSets").ToList();

        public bool MandatoryIn(string set) => ParameterAttributes.Any(a => (Arg(a, "ParameterSetName") as string ?? "__AllParameterSets") == set && Arg(a, "Mandatory") is true);
        public bool Mandatory => ParameterAttributes.Any(a => Arg(a, "Mandatory") is true);
        public bool FromPipeline => ParameterAttributes.Any(a => Arg(a, "ValueFromPipeline") is true);
        public bool FromPipelineByPropertyName => ParameterAttributes.Any(a => Arg(a, "ValueFromPipelineByPropertyName") is true);
        public int? Position => ParameterAttributes.Select(a => Arg(a, "Position") as int?).FirstOrDefault(p => p != null);

        public IReadOnlyList<string> Aliases =>
            _property.GetCustomAttributesData().Where(a => a.AttributeType.Name == "AliasAttribute")
                .SelectMany(a => a.ConstructorArguments)
                .SelectMany(arg => arg.Value is IEnumerable<CustomAttributeTypedArgument> many ? many.Select(m => (string)m.Value!) : new[] { (string)arg.Value! })
                .ToList();

        public IReadOnlyList<string> ValidateSet =>
            _property.GetCustomAttributesData().Where(a => a.AttributeType.Name == "ValidateSetAttribute")
                .SelectMany(a => a.ConstructorArguments)
                .SelectMany(arg => arg.Value is IEnumerable<CustomAttributeTypedArgument> many ? many.Select(m => (string)m.Value!) : new[] { (string)arg.Value! })
                .ToList();

        public bool HasAttribute(string attributeTypeName) => _property.GetCustomAttributesData().Any(a => a.AttributeType.Name == attributeTypeName);
    }
}
