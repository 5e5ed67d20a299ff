using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Rollout.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
