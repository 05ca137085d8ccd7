#!/usr/bin/env bash
# A real single-node Slurm (slurmctld + slurmd + munge on loopback, started
# here and stopped at the end) runs a tiny sweep as a job array from
# `bdal sweep --emit-slurm`; the merged report must equal the report of the
# same sweep run locally with --jobs (learning curves and labels-to-error
# tables; the wall-time table differs by nature).
#   usage: slurm_sweep_test.sh BDAL_BINARY
# Needs root (the daemons) and Debian's slurmctld slurmd slurm-client munge
# (scripts/install-deps.sh installs them). Exit 77 = skipped, which CTest
# reports as such; under CI (CI set) a missing prerequisite is a failure.
set -euo pipefail
bdal=$1
missing() {
  echo "slurm test: $1" >&2
  if [[ -n "${CI:-}" ]]; then exit 1; else exit 77; fi
}
[[ $(id -u) -eq 0 ]] || missing "needs root to start slurmctld, slurmd and munged"
for program in slurmctld slurmd sbatch squeue munged; do
  command -v "$program" >/dev/null || [[ -x /usr/sbin/$program ]] ||
    missing "$program not found (apt-get install slurmctld slurmd slurm-client munge)"
done

work=$(mktemp -d /tmp/bdal-slurm-test.XXXXXX)
started_munge=0
cleanup() {
  [[ -f $work/slurmd.pid ]] && kill "$(cat "$work/slurmd.pid")" 2>/dev/null || true
  [[ -f $work/slurmctld.pid ]] && kill "$(cat "$work/slurmctld.pid")" 2>/dev/null || true
  if [[ $started_munge -eq 1 && -f /run/munge/munged.pid ]]; then
    kill "$(cat /run/munge/munged.pid)" 2>/dev/null || true
  fi
  sleep 0.5
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/ctld" "$work/d" "$work/log"
export SLURM_CONF=$work/slurm.conf
cat > "$SLURM_CONF" <<CONF
ClusterName=bdaltest
SlurmctldHost=localhost(127.0.0.1)
SlurmUser=root
AuthType=auth/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MailProg=/bin/true
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
ReturnToService=2
StateSaveLocation=$work/ctld
SlurmdSpoolDir=$work/d
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
NodeName=localhost NodeAddr=127.0.0.1 CPUs=2 RealMemory=1000 State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF

if ! pgrep -x munged >/dev/null; then
  install -d -o munge -g munge -m 755 /run/munge
  runuser -u munge -- /usr/sbin/munged
  started_munge=1
fi
/usr/sbin/slurmctld -i
/usr/sbin/slurmd -N localhost
for _ in $(seq 1 150); do
  sinfo -h -o %T 2>/dev/null | grep -qx idle && break
  sleep 0.2
done
sinfo -h -o %T | grep -qx idle || { echo "slurm did not come up"; cat "$work"/log/*; exit 1; }

cat > "$work/moons.yaml" <<YAML
name: moons-slurm
dataset: two-moons
model: moons-mlp
strategy: bald
seeds: [1, 2]
split: {initial_per_class: 2, validation_size: 30}
two_moons: {train_size: 300, test_size: 200}
acquisition_size: 5
rounds: 3
score_samples: 8
eval_samples: 8
trainer: {epochs: 40, batch_size: 0, learning_rate: 0.02}
YAML
sweep=("$bdal" sweep "$work/moons.yaml" --strategies random,bald)

# On Slurm: one array task per cell.
"${sweep[@]}" --out "$work/cluster" --emit-slurm "$work/job.sh" --slurm-mem 200M --slurm-time 00:10:00
job=$(sbatch --parsable "$work/job.sh")
echo "submitted job array $job"
for _ in $(seq 1 900); do
  [[ -z $(squeue -h -j "$job" 2>/dev/null) ]] && break
  sleep 0.2
done
[[ -z $(squeue -h -j "$job" 2>/dev/null) ]] || { echo "job $job still queued after 180 s"; squeue; exit 1; }
cat "$work"/cluster/logs/*.log

# Locally, side by side.
"${sweep[@]}" --out "$work/local" --jobs 2

"$bdal" report "$work/cluster" --out "$work/report-cluster" --no-figures
"$bdal" report "$work/local" --out "$work/report-local" --no-figures
for table in learning_curves.csv labels_to_error.csv; do
  if ! cmp "$work/report-cluster/$table" "$work/report-local/$table"; then
    echo "$table differs between the Slurm and the local sweep:"
    diff "$work/report-cluster/$table" "$work/report-local/$table" || true
    exit 1
  fi
done
# Every cell ran on Slurm: four complete runs of 4 rounds.
for cell in random-seed1 bald-seed1 random-seed2 bald-seed2; do
  lines=$(wc -l < "$work/cluster/$cell/rounds.jsonl")
  [[ $lines -eq 4 ]] || { echo "$cell has $lines rounds, expected 4"; exit 1; }
done
echo "slurm sweep == local sweep"
