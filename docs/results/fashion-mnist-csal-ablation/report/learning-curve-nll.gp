# test NLL (nats) vs labelled points: mean over seeds, band = 95% Student-t CI. Made by bdal report.
set title 'test NLL (nats) (mean, 95% CI over seeds)'
set xlabel 'labelled points (initial set included)'
set ylabel 'test NLL (nats)'
set key top right box opaque
set grid
set terminal pngcairo size 900,600 noenhanced font ',10'
if (!exists('png_out')) png_out = 'learning-curve-nll.png'
if (!exists('svg_out')) svg_out = 'learning-curve-nll.svg'
set output png_out
plot 'learning-curve-nll.dat' index 0 using 1:3:4 with filledcurves lc 1 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-nll.dat' index 0 using 1:2 with linespoints lc 1 dt 1 pt 7 ps 0.5 lw 2 title 'csal (n=2)'
set terminal svg size 900,600 noenhanced font 'sans,11' background '#ffffff'
set output svg_out
plot 'learning-curve-nll.dat' index 0 using 1:3:4 with filledcurves lc 1 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-nll.dat' index 0 using 1:2 with linespoints lc 1 dt 1 pt 7 ps 0.5 lw 2 title 'csal (n=2)'
unset output
