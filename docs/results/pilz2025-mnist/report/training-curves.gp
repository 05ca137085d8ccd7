# Full-dataset training curves from bdal train's epochs.jsonl. Made by bdal report.
set xlabel 'epoch'
set grid
set key box opaque
set terminal pngcairo size 1200,500 noenhanced font ',10'
if (!exists('png_out')) png_out = 'training-curves.png'
if (!exists('svg_out')) svg_out = 'training-curves.svg'
set output png_out
set multiplot layout 1,2
set title 'NLL (train: minibatch cross-entropy, dropout on)'
set ylabel 'NLL (nats)'
set logscale y
plot 'training-curves.dat' index 0 using 1:2 with lines lc 1 dt 2 lw 2 title 'train', 'training-curves.dat' index 0 using 1:3 with lines lc 1 lw 2 title 'test'
unset logscale y
set title 'accuracy'
set ylabel 'accuracy'
set key bottom right
plot 'training-curves.dat' index 0 using 1:4 with lines lc 1 dt 2 lw 2 title 'train', 'training-curves.dat' index 0 using 1:5 with lines lc 1 lw 2 title 'test'
set key top right
unset multiplot
set terminal svg size 1200,500 noenhanced font 'sans,11' background '#ffffff'
set output svg_out
set multiplot layout 1,2
set title 'NLL (train: minibatch cross-entropy, dropout on)'
set ylabel 'NLL (nats)'
set logscale y
plot 'training-curves.dat' index 0 using 1:2 with lines lc 1 dt 2 lw 2 title 'train', 'training-curves.dat' index 0 using 1:3 with lines lc 1 lw 2 title 'test'
unset logscale y
set title 'accuracy'
set ylabel 'accuracy'
set key bottom right
plot 'training-curves.dat' index 0 using 1:4 with lines lc 1 dt 2 lw 2 title 'train', 'training-curves.dat' index 0 using 1:5 with lines lc 1 lw 2 title 'test'
set key top right
unset multiplot
unset output
