# test NLL (nats) vs labelled points: mean over seeds, band = 95% Student-t CI. Made by bdal report.
set title 'test NLL (nats) (mean, 95% CI over seeds)'
set xlabel 'labelled points (initial set included)'
set ylabel 'test NLL (nats)'
set key outside right top box opaque
set grid
set terminal pngcairo size 1300,600 noenhanced font ',10'
if (!exists('png_out')) png_out = 'learning-curve-nll.png'
if (!exists('svg_out')) svg_out = 'learning-curve-nll.svg'
set output png_out
plot 'learning-curve-nll.dat' index 0 using 1:3:4 with filledcurves lc 1 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-nll.dat' index 1 using 1:3:4 with filledcurves lc 2 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-nll.dat' index 2 using 1:3:4 with filledcurves lc 3 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-nll.dat' index 3 using 1:3:4 with filledcurves lc 4 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-nll.dat' index 4 using 1:3:4 with filledcurves lc 5 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-nll.dat' index 5 using 1:3:4 with filledcurves lc 6 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-nll.dat' index 6 using 1:3:4 with filledcurves lc 7 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-nll.dat' index 7 using 1:3:4 with filledcurves lc 8 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-nll.dat' index 8 using 1:3:4 with filledcurves lc rgb '#8c564b' fs transparent solid 0.2 noborder notitle, \
     'learning-curve-nll.dat' index 9 using 1:3:4 with filledcurves lc rgb '#ff69b4' fs transparent solid 0.2 noborder notitle, \
     'learning-curve-nll.dat' index 0 using 1:2 with linespoints lc 1 dt 1 pt 7 ps 0.5 lw 2 title 'badge (n=3)', \
     'learning-curve-nll.dat' index 1 using 1:2 with linespoints lc 2 dt 1 pt 7 ps 0.5 lw 2 title 'bald (n=3)', \
     'learning-curve-nll.dat' index 2 using 1:2 with linespoints lc 3 dt 1 pt 7 ps 0.5 lw 2 title 'batch-bald (n=3)', \
     'learning-curve-nll.dat' index 3 using 1:2 with linespoints lc 4 dt 1 pt 7 ps 0.5 lw 2 title 'core-set (n=3)', \
     'learning-curve-nll.dat' index 4 using 1:2 with linespoints lc 5 dt 1 pt 7 ps 0.5 lw 2 title 'csal (n=3)', \
     'learning-curve-nll.dat' index 5 using 1:2 with linespoints lc 6 dt 1 pt 7 ps 0.5 lw 2 title 'least-confidence (n=3)', \
     'learning-curve-nll.dat' index 6 using 1:2 with linespoints lc 7 dt 1 pt 7 ps 0.5 lw 2 title 'margin (n=3)', \
     'learning-curve-nll.dat' index 7 using 1:2 with linespoints lc 8 dt 1 pt 7 ps 0.5 lw 2 title 'max-entropy (n=3)', \
     'learning-curve-nll.dat' index 8 using 1:2 with linespoints lc rgb '#8c564b' dt 1 pt 7 ps 0.5 lw 2 title 'power-bald (n=3)', \
     'learning-curve-nll.dat' index 9 using 1:2 with linespoints lc rgb '#ff69b4' dt 1 pt 7 ps 0.5 lw 2 title 'random (n=3)'
set terminal svg size 1300,600 noenhanced font 'sans,11' background '#ffffff'
set output svg_out
plot 'learning-curve-nll.dat' index 0 using 1:3:4 with filledcurves lc 1 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-nll.dat' index 1 using 1:3:4 with filledcurves lc 2 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-nll.dat' index 2 using 1:3:4 with filledcurves lc 3 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-nll.dat' index 3 using 1:3:4 with filledcurves lc 4 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-nll.dat' index 4 using 1:3:4 with filledcurves lc 5 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-nll.dat' index 5 using 1:3:4 with filledcurves lc 6 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-nll.dat' index 6 using 1:3:4 with filledcurves lc 7 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-nll.dat' index 7 using 1:3:4 with filledcurves lc 8 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-nll.dat' index 8 using 1:3:4 with filledcurves lc rgb '#8c564b' fs transparent solid 0.2 noborder notitle, \
     'learning-curve-nll.dat' index 9 using 1:3:4 with filledcurves lc rgb '#ff69b4' fs transparent solid 0.2 noborder notitle, \
     'learning-curve-nll.dat' index 0 using 1:2 with linespoints lc 1 dt 1 pt 7 ps 0.5 lw 2 title 'badge (n=3)', \
     'learning-curve-nll.dat' index 1 using 1:2 with linespoints lc 2 dt 1 pt 7 ps 0.5 lw 2 title 'bald (n=3)', \
     'learning-curve-nll.dat' index 2 using 1:2 with linespoints lc 3 dt 1 pt 7 ps 0.5 lw 2 title 'batch-bald (n=3)', \
     'learning-curve-nll.dat' index 3 using 1:2 with linespoints lc 4 dt 1 pt 7 ps 0.5 lw 2 title 'core-set (n=3)', \
     'learning-curve-nll.dat' index 4 using 1:2 with linespoints lc 5 dt 1 pt 7 ps 0.5 lw 2 title 'csal (n=3)', \
     'learning-curve-nll.dat' index 5 using 1:2 with linespoints lc 6 dt 1 pt 7 ps 0.5 lw 2 title 'least-confidence (n=3)', \
     'learning-curve-nll.dat' index 6 using 1:2 with linespoints lc 7 dt 1 pt 7 ps 0.5 lw 2 title 'margin (n=3)', \
     'learning-curve-nll.dat' index 7 using 1:2 with linespoints lc 8 dt 1 pt 7 ps 0.5 lw 2 title 'max-entropy (n=3)', \
     'learning-curve-nll.dat' index 8 using 1:2 with linespoints lc rgb '#8c564b' dt 1 pt 7 ps 0.5 lw 2 title 'power-bald (n=3)', \
     'learning-curve-nll.dat' index 9 using 1:2 with linespoints lc rgb '#ff69b4' dt 1 pt 7 ps 0.5 lw 2 title 'random (n=3)'
unset output
