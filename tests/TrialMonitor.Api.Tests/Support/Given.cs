using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients.Enrolling;
using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Api.Patients.Recording;
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
                DiseaseGroup.CytogeneticResistance)), TestWriter.AllSites);
        return id;
    }

    /// <summary>
    /// CG resistance at 100 % Ph+ after a year on 400 mg, escalated to 800 mg, then two results at
    /// <paramref name="phAfter"/> % (CG-2, CG-3): an improved response after escalation, still ongoing.
    /// </summary>
    public static async Task<Guid> EscalatedWithImprovement(this IMessageBus bus, Guid trialId, string subjectId, decimal phAfter)
    {
        var patient = await bus.EnrolledPatient(trialId, subjectId);
        await bus.InvokeAsync<EntryResult>(new RecordEntry(new DoseChanged(patient, "DOSE-START", new DoseChange(EnrolledOn, DoseAction.Started, 400, "daily", null))), TestWriter.AllSites);
        await bus.InvokeAsync<EntryResult>(new RecordEntry(new CytogeneticsRecorded(patient, "CG-0", Karyotype(new(2000, 9, 1), 100m))), TestWriter.AllSites);
        await bus.InvokeAsync<EntryResult>(new RecordEntry(new CytogeneticsRecorded(patient, "CG-1", Karyotype(new(2001, 3, 1), 100m))), TestWriter.AllSites);
        await bus.InvokeAsync<EntryResult>(new RecordEntry(new DoseChanged(patient, "DOSE-UP", new DoseChange(new(2001, 3, 10), DoseAction.Escalated, 800, "daily", null))), TestWriter.AllSites);
        await bus.InvokeAsync<EntryResult>(new RecordEntry(new CytogeneticsRecorded(patient, "CG-2", Karyotype(new(2001, 9, 15), phAfter))), TestWriter.AllSites);
        await bus.InvokeAsync<EntryResult>(new RecordEntry(new CytogeneticsRecorded(patient, "CG-3", Karyotype(new(2002, 3, 15), phAfter))), TestWriter.AllSites);
        return patient;
    }

    private static CytogeneticAssessment Karyotype(DateOnly on, decimal ph) => new(on, ph, CytogeneticMethod.Karyotype, 20, false);
}
