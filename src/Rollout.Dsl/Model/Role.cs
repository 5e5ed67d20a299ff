namespace Rollout.Dsl;

/// <summary>A person or group named in the authority matrix.</summary>
public sealed record Role(string Name)
{
    /// <summary>Any engineer on the release team.</summary>
    public static Role ReleaseEngineer { get; } = new("release engineer");

    /// <summary>The engineer on call for the service.</summary>
    public static Role OnCall { get; } = new("on-call engineer");

    /// <summary>The engineering lead of the owning team.</summary>
    public static Role EngLead { get; } = new("eng lead");

    /// <summary>Product stakeholders.</summary>
    public static Role Product { get; } = new("product");

    /// <summary>Management stakeholders.</summary>
    public static Role Management { get; } = new("management");

    /// <summary>Any other role, e.g. <c>Role.Named("data-eng on-call")</c>.</summary>
    public static Role Named(string name) => new(name ?? throw new System.ArgumentNullException(nameof(name)));

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
