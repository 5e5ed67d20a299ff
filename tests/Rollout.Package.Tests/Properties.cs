// One collection shares the packed feed; its builds run one after another (2 cores; each build uses both).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
