// Lists the public types of a compiled assembly (top-level public types and public types nested in them), counted per
// namespace, from its metadata alone (System.Reflection.Metadata; nothing is loaded or run).
//
//   dotnet build src/StepFlow -c Release
//   dotnet run eng/public-types.cs -- src/StepFlow/bin/Release/net10.0/StepFlow.dll          # counts per namespace
//   dotnet run eng/public-types.cs -- src/StepFlow/bin/Release/net10.0/StepFlow.dll --list   # and every type
//
// docs/public-api.md records the counts before and after the trim of issue #13; tests/StepFlow.Tests/Architecture/
// PublicApiInventoryTests checks that every public type of each library package is listed there.
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

if (args.Length == 0)
{
    Console.Error.WriteLine("usage: dotnet run eng/public-types.cs -- <assembly.dll> [--list]");
    return 2;
}

using var stream = File.OpenRead(args[0]);
using var pe = new PEReader(stream);
var md = pe.GetMetadataReader();
var names = new List<string>();
foreach (var handle in md.TypeDefinitions)
{
    if (IsVisible(md, md.GetTypeDefinition(handle)))
    {
        names.Add(FullName(md, md.GetTypeDefinition(handle)));
    }
}

names.Sort(StringComparer.Ordinal);
var byNamespace = names.GroupBy(n => n.Split('+')[0][..n.Split('+')[0].LastIndexOf('.')], StringComparer.Ordinal);
Console.WriteLine($"{names.Count} public types in {byNamespace.Count()} namespaces");
foreach (var group in byNamespace.OrderBy(g => g.Key, StringComparer.Ordinal))
{
    Console.WriteLine($"{group.Count(),4}  {group.Key}");
}

if (args.Contains("--list"))
{
    Console.WriteLine();
    foreach (var name in names)
    {
        Console.WriteLine(name);
    }
}

return 0;

static bool IsVisible(MetadataReader md, TypeDefinition type)
{
    var visibility = type.Attributes & TypeAttributes.VisibilityMask;
    if (visibility == TypeAttributes.Public)
    {
        return true;
    }

    return visibility is TypeAttributes.NestedPublic or TypeAttributes.NestedFamily or TypeAttributes.NestedFamORAssem
        && IsVisible(md, md.GetTypeDefinition(type.GetDeclaringType()));
}

static string FullName(MetadataReader md, TypeDefinition type)
{
    var name = md.GetString(type.Name);
    if (type.IsNested)
    {
        return FullName(md, md.GetTypeDefinition(type.GetDeclaringType())) + "+" + name;
    }

    var ns = md.GetString(type.Namespace);
    return ns.Length == 0 ? name : ns + "." + name;
}
