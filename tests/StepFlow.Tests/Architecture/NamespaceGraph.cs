using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace StepFlow.Tests.Architecture;

/// <summary>One reference between two namespaces of an assembly: which type names which.</summary>
public sealed record NamespaceReference(string FromNamespace, string FromType, string ToNamespace, string ToType)
{
    /// <inheritdoc />
    public override string ToString() => $"{FromNamespace} -> {ToNamespace}: {FromType} references {ToType}";
}

/// <summary>
/// The namespace-to-namespace references of a compiled assembly, read from its metadata and IL with
/// System.Reflection.Metadata: base types and interfaces, field, method, property and event signatures, locals,
/// generic constraints, attribute constructors, and every type, method and field token in method bodies (a type of
/// the same assembly is a TypeDef named by token, so the IL is read, not only the TypeRef table). A nested type
/// (including compiler-generated closures and state machines) counts as its outermost declaring type.
/// </summary>
public static class NamespaceGraph
{
    private static readonly Dictionary<short, OperandType> OperandTypes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    /// <summary>Every distinct reference from a type of one namespace to a type of another in <paramref name="assemblyPath"/>.</summary>
    public static IReadOnlyList<NamespaceReference> Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var reader = new Reader(md, pe);
        foreach (var handle in md.TypeDefinitions)
        {
            reader.VisitType(handle);
        }

        return reader.References.OrderBy(r => r.FromNamespace, StringComparer.Ordinal)
            .ThenBy(r => r.ToNamespace, StringComparer.Ordinal)
            .ThenBy(r => r.FromType, StringComparer.Ordinal)
            .ThenBy(r => r.ToType, StringComparer.Ordinal)
            .ToList();
    }

    private sealed class Reader(MetadataReader md, PEReader pe)
    {
        private readonly SignatureCollector collector = new(md);

        public HashSet<NamespaceReference> References { get; } = [];

        public void VisitType(TypeDefinitionHandle handle)
        {
            var type = md.GetTypeDefinition(handle);
            var (fromNs, fromName) = Outermost(handle);
            if (fromNs.Length == 0)
            {
                return; // <Module> and compiler-generated top-level helpers
            }

            var targets = new HashSet<TypeDefinitionHandle>();
            this.collector.Targets = targets;
            this.Entity(type.BaseType);
            foreach (var i in type.GetInterfaceImplementations())
            {
                this.Entity(md.GetInterfaceImplementation(i).Interface);
            }

            this.Attributes(type.GetCustomAttributes());
            this.Constraints(type.GetGenericParameters());
            foreach (var f in type.GetFields())
            {
                var field = md.GetFieldDefinition(f);
                field.DecodeSignature(this.collector, null);
                this.Attributes(field.GetCustomAttributes());
            }

            foreach (var p in type.GetProperties())
            {
                var property = md.GetPropertyDefinition(p);
                property.DecodeSignature(this.collector, null);
                this.Attributes(property.GetCustomAttributes());
            }

            foreach (var e in type.GetEvents())
            {
                var ev = md.GetEventDefinition(e);
                this.Entity(ev.Type);
                this.Attributes(ev.GetCustomAttributes());
            }

            foreach (var m in type.GetMethods())
            {
                this.Method(m);
            }

            foreach (var target in targets)
            {
                var (toNs, toName) = Outermost(target);
                if (toNs.Length != 0 && toNs != fromNs)
                {
                    this.References.Add(new NamespaceReference(fromNs, fromName, toNs, toName));
                }
            }
        }

        private void Method(MethodDefinitionHandle handle)
        {
            var method = md.GetMethodDefinition(handle);
            method.DecodeSignature(this.collector, null);
            this.Attributes(method.GetCustomAttributes());
            this.Constraints(method.GetGenericParameters());
            foreach (var p in method.GetParameters())
            {
                this.Attributes(md.GetParameter(p).GetCustomAttributes());
            }

            if (method.RelativeVirtualAddress == 0)
            {
                return;
            }

            var body = pe.GetMethodBody(method.RelativeVirtualAddress);
            if (!body.LocalSignature.IsNil)
            {
                md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(this.collector, null);
            }

            foreach (var region in body.ExceptionRegions)
            {
                this.Entity(region.CatchType);
            }

            var il = body.GetILReader();
            while (il.RemainingBytes > 0)
            {
                short code = il.ReadByte();
                if (code == 0xFE)
                {
                    code = unchecked((short)(0xFE00 | il.ReadByte()));
                }

                switch (OperandTypes[code])
                {
                    case OperandType.InlineNone:
                        break;
                    case OperandType.ShortInlineBrTarget:
                    case OperandType.ShortInlineI:
                    case OperandType.ShortInlineVar:
                        il.ReadByte();
                        break;
                    case OperandType.InlineVar:
                        il.ReadInt16();
                        break;
                    case OperandType.InlineI8:
                    case OperandType.InlineR:
                        il.ReadInt64();
                        break;
                    case OperandType.InlineSwitch:
                        var count = il.ReadInt32();
                        il.Offset += 4 * count;
                        break;
                    case OperandType.InlineField:
                    case OperandType.InlineMethod:
                    case OperandType.InlineTok:
                    case OperandType.InlineType:
                        this.Entity(MetadataTokens.EntityHandle(il.ReadInt32()));
                        break;
                    case OperandType.InlineSig:
                        var sig = MetadataTokens.EntityHandle(il.ReadInt32());
                        md.GetStandaloneSignature((StandaloneSignatureHandle)sig).DecodeMethodSignature(this.collector, null);
                        break;
                    default: // InlineBrTarget, InlineI, InlineString, ShortInlineR
                        il.ReadInt32();
                        break;
                }
            }
        }

        private void Entity(EntityHandle handle)
        {
            if (handle.IsNil)
            {
                return;
            }

            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                case HandleKind.TypeReference:
                case HandleKind.TypeSpecification:
                    this.collector.Type(handle);
                    break;
                case HandleKind.FieldDefinition:
                    var field = md.GetFieldDefinition((FieldDefinitionHandle)handle);
                    this.collector.Targets!.Add(field.GetDeclaringType());
                    field.DecodeSignature(this.collector, null);
                    break;
                case HandleKind.MethodDefinition:
                    var method = md.GetMethodDefinition((MethodDefinitionHandle)handle);
                    this.collector.Targets!.Add(method.GetDeclaringType());
                    method.DecodeSignature(this.collector, null);
                    break;
                case HandleKind.MemberReference:
                    var member = md.GetMemberReference((MemberReferenceHandle)handle);
                    this.Entity(member.Parent);
                    if (member.GetKind() == MemberReferenceKind.Method)
                    {
                        member.DecodeMethodSignature(this.collector, null);
                    }
                    else
                    {
                        member.DecodeFieldSignature(this.collector, null);
                    }

                    break;
                case HandleKind.MethodSpecification:
                    var spec = md.GetMethodSpecification((MethodSpecificationHandle)handle);
                    this.Entity(spec.Method);
                    spec.DecodeSignature(this.collector, null);
                    break;
            }
        }

        private void Attributes(CustomAttributeHandleCollection attributes)
        {
            foreach (var a in attributes)
            {
                this.Entity(md.GetCustomAttribute(a).Constructor);
            }
        }

        private void Constraints(GenericParameterHandleCollection parameters)
        {
            foreach (var p in parameters)
            {
                foreach (var c in md.GetGenericParameter(p).GetConstraints())
                {
                    this.Entity(md.GetGenericParameterConstraint(c).Type);
                }
            }
        }

        private (string Namespace, string Name) Outermost(TypeDefinitionHandle handle)
        {
            var type = md.GetTypeDefinition(handle);
            while (type.IsNested)
            {
                type = md.GetTypeDefinition(type.GetDeclaringType());
            }

            var ns = md.GetString(type.Namespace);
            var name = md.GetString(type.Name);
            return (ns, ns.Length == 0 ? name : ns + "." + name);
        }
    }

    /// <summary>Decodes signatures, adding every type definition of the assembly they name to <see cref="Targets"/>.</summary>
    private sealed class SignatureCollector(MetadataReader md) : ISignatureTypeProvider<bool, object?>
    {
        public HashSet<TypeDefinitionHandle>? Targets { get; set; }

        public void Type(EntityHandle handle)
        {
            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    this.Targets!.Add((TypeDefinitionHandle)handle);
                    break;
                case HandleKind.TypeSpecification:
                    md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null);
                    break;
            }

            // A TypeReference names another assembly's type: not a namespace of this one.
        }

        public bool GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            this.Targets!.Add(handle);
            return true;
        }

        public bool GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => true;

        public bool GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
        {
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
            return true;
        }

        public bool GetArrayType(bool elementType, ArrayShape shape) => true;

        public bool GetByReferenceType(bool elementType) => true;

        public bool GetFunctionPointerType(MethodSignature<bool> signature) => true;

        public bool GetGenericInstantiation(bool genericType, ImmutableArray<bool> typeArguments) => true;

        public bool GetGenericMethodParameter(object? genericContext, int index) => true;

        public bool GetGenericTypeParameter(object? genericContext, int index) => true;

        public bool GetModifiedType(bool modifier, bool unmodifiedType, bool isRequired) => true;

        public bool GetPinnedType(bool elementType) => true;

        public bool GetPointerType(bool elementType) => true;

        public bool GetPrimitiveType(PrimitiveTypeCode typeCode) => true;

        public bool GetSZArrayType(bool elementType) => true;
    }
}
