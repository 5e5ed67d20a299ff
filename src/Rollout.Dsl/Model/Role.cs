namespace Rollout.Dsl;

/// <summary>A person or group named in the authority matrix.</summary>
public sealed record Role
{
    /// <summary>How the plan names the role, e.g. "release engineer"; roles are compared by it.</summary>
    public required string Name { get; init; }

    /// <summary>Any engineer on the release team.</summary>
    public static Role ReleaseEngineer { get; } = Named("release engineer");

    /// <summary>The engineer on call for the service.</summary>
    public static Role OnCall { get; } = Named("on-call engineer");

    /// <summary>The engineering lead of the owning team.</summary>
    public static Role EngLead { get; } = Named("eng lead");

    /// <summary>Product stakeholders.</summary>
    public static Role Product { get; } = Named("product");

    /// <summary>Management stakeholders.</summary>
    public static Role Management { get; } = Named("management");

    /// <summary>Any other role, e.g. <c>Role.Named("data-eng on-call")</c>.</summary>
    public static Role Named(string name) => new() { Name = name ?? throw new System.ArgumentNullException(nameof(name)) };

    public override string ToString() => Name;
}

/// <summary>On what grounds a role may trigger a rollback.</summary>
public enum Trigger
{
    /// <summary>When a stop-loss threshold is crossed; no permission request needed.</summary>
    StopLossCrossed,
    /// <summary>For any reason, including "something feels wrong".</summary>
    AnyReason,
}
