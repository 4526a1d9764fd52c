using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Patients.Enrolling;
using TrialMonitor.Api.Trials;
using TrialMonitor.Api.Trials.Registering;
using TrialMonitor.Clinical.Course;
using Wolverine;

namespace TrialMonitor.Api.Tests.Support;

/// <summary>Builds "given" state through the same write path users use.</summary>
public static class Given
{
    public static readonly DateOnly EnrolledOn = new(2000, 3, 1);

    public static async Task<Guid> Trial(this IMessageBus bus, ClinicalSettings? settings = null)
    {
        var id = Guid.NewGuid();
        await bus.InvokeAsync<Trial>(new RegisterTrial(id, "CML-110", "Imatinib dose escalation", ["MDACC", "SITE-2"],
            settings ?? ClinicalSettings.PaperDefaults));
        return id;
    }

    public static async Task<Guid> EnrolledPatient(this IMessageBus bus, Guid trialId, string subjectId = "001", string site = "MDACC")
    {
        var id = Guid.NewGuid();
        await bus.InvokeAsync<EntryResult>(new EnrolPatient(id, trialId, EnrolledOn,
            new Baseline(subjectId, site, 58, Sex.Female, new DateOnly(1997, 6, 1), 0, 0m, false, false,
                DiseaseGroup.CytogeneticResistance)));
        return id;
    }
}
