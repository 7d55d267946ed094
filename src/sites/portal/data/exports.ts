import { toCsv } from '../../../lib/publish/csv.ts';
import { controlMatrix, requirementImplementationLabels, statementOfApplicability } from '../../../lib/graph/soa.ts';
import { graph } from './portal.ts';

/** The CSV files auditors download: what each holds and how it is made. */
export const exports = [
  {
    file: 'iso27001-statement-of-applicability.csv',
    title: 'ISO/IEC 27001 Statement of Applicability',
    description: 'Every Annex A control: applicable or not, the justification for inclusion or exclusion, implementation status, controls and policies.',
    framework: 'iso27001',
    render() {
      const framework = graph.frameworks.get('iso27001')!;
      return toCsv(
        [
          'Control',
          'Title',
          'Theme',
          'Applicable',
          'Inclusion justification',
          'Exclusion justification',
          'Implementation status',
          'Planned for',
          'Internal controls',
          'Policies',
        ],
        statementOfApplicability(framework).map((r) => [
          r.requirement,
          r.title,
          r.group,
          r.applicable ? 'Yes' : 'No',
          r.inclusionJustification,
          r.exclusionJustification,
          requirementImplementationLabels[r.implementation],
          r.plannedFor,
          r.controls.join('; '),
          r.policies.join('; '),
        ]),
      );
    },
  },
  {
    file: 'soc2-control-matrix.csv',
    title: 'SOC 2 control matrix',
    description: 'One row per criterion and control: policy, owner, frequency and the evidence to sample.',
    framework: 'soc2',
    render() {
      const framework = graph.frameworks.get('soc2')!;
      return toCsv(
        ['Criterion', 'Criterion title', 'Control', 'Control title', 'Policy', 'Owner', 'Frequency', 'Evidence', 'Note'],
        controlMatrix(framework).map((r) => [
          r.criterion,
          r.criterionTitle,
          r.control,
          r.controlTitle,
          r.policies.join('; '),
          r.owner,
          r.frequency,
          r.evidence.join('; '),
          r.note,
        ]),
      );
    },
  },
].filter((e) => graph.frameworks.has(e.framework as never));
