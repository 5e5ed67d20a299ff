using BenchmarkDotNet.Running;
using Rollout.Benchmarks;

// dotnet run -c Release --project benchmarks/Rollout.Benchmarks -- --filter '*'
// dotnet run -c Release --project benchmarks/Rollout.Benchmarks -- profile [SPECS] [PLAIN] [ROUNDS] [sample|light]
// dotnet run -c Release --project benchmarks/Rollout.Benchmarks -- incremental [SPECS] [PLAIN] [ROUNDS] [sample|light]
// dotnet run -c Release --project benchmarks/Rollout.Benchmarks -- edits [SPECS] [PLAIN] [EDITS] [sample|light]
if (args.Length > 0 && args[0] == "profile") return ProfileHost.Run(args[1..]);
if (args.Length > 0 && args[0] == "incremental") return ProfileHost.Incremental(args[1..]);
if (args.Length > 0 && args[0] == "edits") return ProfileHost.Edits(args[1..]);
// dotnet run -c Release --project benchmarks/Rollout.Benchmarks -- readers [SPECS] [ROUNDS] [sample|light]
if (args.Length > 0 && args[0] == "steps") return StepsHost.Run(args[1..]);
if (args.Length > 0 && args[0] == "readers") return ReaderHost.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
