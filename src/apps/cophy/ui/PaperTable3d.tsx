/**
 * The paper vs. this run rows for the 3-D scenarios (issue #14): keypoint MSE ×10⁻³ of Copy-B, Copy-C
 * and the paper's model on BlocktowerCF and CollisionCF (paper.ts TABLE2_3D, from the paper's Table 2).
 * This run has no 3-D model yet: its cells say so and name the command that will train it; nothing
 * here is an invented number.
 */
import { TABLE2_3D, TABLE2_3D_SOURCE } from '../paper';

const ROWS = [
  { key: 'blocktower', name: 'BlocktowerCF' },
  { key: 'collision', name: 'CollisionCF' },
] as const;

const train = (scenario: string) => `npx tsx scripts/train/cophy.ts --scenario ${scenario} …`;

export function PaperTable3d() {
  return (
    <div className="table-scroll" data-testid="cophy-paper-table-3d">
      <table className="table">
        <caption className="small muted">
          Keypoint MSE ×10⁻³ on the 3-D scenarios: the paper's numbers ({TABLE2_3D_SOURCE}) and this run's, which need models trained per scenario. The trainer
          (<code>scripts/train/cophy.ts --scenario</code>) runs all three stages on a 3-D scenario; no 3-D model has been trained yet, at about 4 hours a scenario on this machine (issue #14).
        </caption>
        <thead>
          <tr>
            <th scope="col">Scenario</th>
            <th scope="col">Source</th>
            <th scope="col">Copy-B</th>
            <th scope="col">Copy-C</th>
            <th scope="col">Model</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.flatMap(({ key, name }) => [
            <tr key={`${key}-paper`} data-testid={`cophy-paper-3d-${key}-paper`}>
              <th scope="row">{name}</th>
              <td>the paper's (Table 2)</td>
              <td>{TABLE2_3D[key].copyB.toFixed(1)}</td>
              <td>{TABLE2_3D[key].copyC.toFixed(1)}</td>
              <td>{TABLE2_3D[key].ours}</td>
            </tr>,
            <tr key={`${key}-run`} data-testid={`cophy-paper-3d-${key}-run`}>
              <th scope="row">{name}</th>
              <td>this run</td>
              <td colSpan={3}>
                not trained yet: <code>{train(key)}</code> (Copy-B and Copy-C are measured in keypoint space, so they wait for the same trained keypoint encoder)
              </td>
            </tr>,
          ])}
        </tbody>
      </table>
    </div>
  );
}
