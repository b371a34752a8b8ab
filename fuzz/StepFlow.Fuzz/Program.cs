using System.Globalization;
using SharpFuzz;
using StepFlow.Fuzz;
using StepFlow.Fuzz.Targets;

// fuzz <target>                          run under afl-fuzz (SharpFuzz's out-of-process fork server)
// replay <target> <file-or-dir>...       run saved inputs, print each outcome; exit 1 on a crash or hang
// seeds <target> <shared-dir> <out-dir> [max]   build the seed inputs from ../shared
const string Usage = "usage: StepFlow.Fuzz fuzz <target> | replay <target> <file-or-dir>... | seeds <target> <shared-dir> <out-dir> [max]";
var targetNames = string.Join(", ", FuzzTargets.All.Select(t => t.Name));
if (args.Length < 2)
{
    Console.Error.WriteLine(Usage);
    Console.Error.WriteLine($"targets: {targetNames}");
    return 2;
}

var target = FuzzTargets.Find(args[1]);
if (target is null)
{
    Console.Error.WriteLine($"unknown target '{args[1]}'; targets: {targetNames}");
    return 2;
}

switch (args[0])
{
    case "fuzz":
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            SmallStack.Run(target, buffer.ToArray(), Timeout.InfiniteTimeSpan);
        });
        return 0;
    case "replay" when args.Length >= 3:
        return Replay.Run(target, args.Skip(2), Console.Out);
    case "seeds" when args.Length is 4 or 5:
        var max = args.Length == 5 ? int.Parse(args[4], CultureInfo.InvariantCulture) : int.MaxValue;
        var written = SeedCorpus.Write(target.Name, args[2], args[3], max);
        Console.WriteLine($"{target.Name}: {written} seed(s) in {args[3]}");
        return written > 0 ? 0 : 1;
    default:
        Console.Error.WriteLine(Usage);
        return 2;
}
